#![no_main]
//! See ../harness.rs: the same function runs on every saved crash input in
//! tests/fuzz_regressions.rs.

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::read(data));
