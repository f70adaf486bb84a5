#!/usr/bin/env python3
"""Writes spec-shaped seeds from the OpenAPI documents' examples.

Usage: python3 gen_seeds.py ../tests/fixtures/openapi  (writes seeds/*/spec-*.json)
For each response of each operation: the example if the document has one,
else one built from the schema (property examples, one item per array).
"""
import json, os, re, sys
import yaml

root = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
targets = {
    "sim-management.yml": "decode_v1",
    "sim-management-v2.yml": "decode_v2",
    "order-management.yml": "decode_orders",
    "product-information.yml": "decode_orders",
    "support-management.yml": "decode_orders",
    "authorization.yml": "response_meta",
}

def resolve(doc, node, depth=0):
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return {}
        cur = doc
        for part in ref[2:].split("/"):
            cur = cur.get(part, {})
        node = cur
    return node

def build(doc, schema, depth=0):
    schema = resolve(doc, schema)
    if depth > 8 or not isinstance(schema, dict):
        return None
    if "example" in schema:
        return schema["example"]
    for k in ("allOf", "oneOf", "anyOf"):
        if k in schema:
            out = {}
            for sub in schema[k]:
                v = build(doc, sub, depth + 1)
                if isinstance(v, dict):
                    out.update(v)
                elif v is not None and k != "allOf":
                    return v
            return out
    t = schema.get("type")
    if t == "array" or "items" in schema:
        item = build(doc, schema.get("items", {}), depth + 1)
        return [] if item is None else [item]
    if t == "object" or "properties" in schema:
        return {k: build(doc, v, depth + 1) for k, v in schema.get("properties", {}).items()}
    if "enum" in schema:
        return schema["enum"][0]
    return {"string": "x", "integer": 1, "number": 1.5, "boolean": True}.get(t)

def default(o):
    return str(o)

count = 0
seen = set()
for name, target in targets.items():
    doc = yaml.safe_load(open(os.path.join(root, name)))
    out = os.path.join(here, "seeds", target)
    os.makedirs(out, exist_ok=True)
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict):
                continue
            responses = dict(op.get("responses", {}))
            if "requestBody" in op:
                responses["request"] = op["requestBody"]
            for code, resp in responses.items():
                resp = resolve(doc, resp)
                for ctype, media in (resp.get("content") or {}).items():
                    examples = []
                    if "example" in media:
                        examples.append(media["example"])
                    for ex in (media.get("examples") or {}).values():
                        ex = resolve(doc, ex)
                        if "value" in ex:
                            examples.append(ex["value"])
                    if not examples and "schema" in media:
                        examples.append(build(doc, media["schema"]))
                    for i, ex in enumerate(examples):
                        if ex is None:
                            continue
                        slug = re.sub(r"[^a-z0-9]+", "-", f"{method} {path} {code} {i}".lower()).strip("-")
                        t = "response_meta" if str(code)[0] in "45" else target
                        if code == "request" and path.endswith("/sms"):
                            t = "sms"
                        body = json.dumps(ex, default=default, ensure_ascii=False)
                        if body in seen:
                            continue
                        seen.add(body)
                        os.makedirs(os.path.join(here, "seeds", t), exist_ok=True)
                        with open(os.path.join(here, "seeds", t, f"spec-{slug}.json"), "w") as f:
                            f.write(body)
                        count += 1
print(count, "seeds")
