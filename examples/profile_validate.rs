//! A fixed workload for profilers (`valgrind --tool=callgrind`): validates the full
//! example referral 20,000 times.
fn main() {
    let text = include_str!("../schemas/examples/valid/full-referral.json");
    let doc = prevent_referral::parse_str(text).expect("example parses");
    let mut errors = 0;
    for _ in 0..20_000 {
        errors +=
            prevent_referral::validate(std::hint::black_box(&doc), prevent_referral::Lang::En)
                .errors
                .len();
    }
    assert_eq!(errors, 0);
}
