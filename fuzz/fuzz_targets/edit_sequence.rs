#![no_main]
//! See journey_studio_fuzz::edit_sequence and the invariants listed in fuzz/src/lib.rs.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| journey_studio_fuzz::edit_sequence(data));
