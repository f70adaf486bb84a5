#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| once_sdk_fuzz::decode_stream(data));
