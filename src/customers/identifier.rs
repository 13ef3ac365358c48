//! pretix's customer identifiers: 7 characters from an alphabet without look-alikes (no I, O, 0,
//! 1), never containing a word from pretix's profanity list.

use rand::Rng;

pub(crate) const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
pub(crate) const LENGTH: usize = 7;

/// pretix's ban list (`pretix/base/banlist.py`), matched as substrings of the lower-cased code.
const BANLIST: &[&str] = &[
    "anal",
    "anus",
    "arse",
    "ass",
    "balls",
    "bastard",
    "bitch",
    "biatch",
    "bloody",
    "blowjob",
    "bollock",
    "bollok",
    "boner",
    "boob",
    "bugger",
    "bum",
    "butt",
    "clitoris",
    "cock",
    "coon",
    "crap",
    "cunt",
    "damn",
    "dick",
    "dildo",
    "dyke",
    "fag",
    "feck",
    "fellate",
    "fellatio",
    "felching",
    "fuck",
    "fudgepacker",
    "flange",
    "goddamn",
    "hell",
    "homo",
    "jerk",
    "jizz",
    "knobend",
    "labia",
    "lmao",
    "lmfao",
    "muff",
    "nigger",
    "nigga",
    "omg",
    "penis",
    "piss",
    "poop",
    "prick",
    "pube",
    "pussy",
    "queer",
    "scrotum",
    "sex",
    "shit",
    "sh1t",
    "slut",
    "smegma",
    "spunk",
    "tit",
    "tosser",
    "turd",
    "twat",
    "vagina",
    "wank",
    "whore",
    "wtf",
];

pub(crate) fn is_offensive(code: &str) -> bool {
    let lower = code.to_lowercase();
    BANLIST.iter().any(|word| lower.contains(word))
}

/// Draws a code of `len` characters that passes the ban list.
pub(crate) fn draw(rng: &mut impl Rng, len: usize) -> String {
    loop {
        let code: String = (0..len).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
        if !is_offensive(&code) {
            return code;
        }
    }
}

/// Draws codes until `taken` says one is free; after every 20 misses the length grows by one, as
/// pretix does, so a crowded space cannot loop for long.
pub(crate) fn generate<E>(
    rng: &mut impl Rng,
    mut taken: impl FnMut(&str) -> Result<bool, E>,
) -> Result<String, E> {
    let mut len = LENGTH;
    let mut misses = 0;
    loop {
        let code = draw(rng, len);
        if !taken(&code)? {
            return Ok(code);
        }
        misses += 1;
        if misses % 20 == 0 {
            len += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn identifiers_have_seven_characters_of_the_alphabet() {
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..1000 {
            let code = draw(&mut rng, LENGTH);
            assert_eq!(code.len(), 7);
            assert!(code.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
        }
    }

    #[test]
    fn the_alphabet_has_no_look_alikes_but_keeps_j() {
        for c in [b'I', b'O', b'0', b'1'] {
            assert!(!ALPHABET.contains(&c));
        }
        assert!(ALPHABET.contains(&b'J'));
        assert_eq!(ALPHABET.len(), 32);
    }

    #[test]
    fn offensive_words_are_found_anywhere_in_any_case() {
        assert!(is_offensive("XXASSXX"));
        assert!(is_offensive("ABWTF22"));
        assert!(!is_offensive("ABCDEFG"));
    }

    #[test]
    fn drawn_codes_never_contain_a_banned_word() {
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..5000 {
            assert!(!is_offensive(&draw(&mut rng, LENGTH)));
        }
    }

    #[test]
    fn the_length_grows_after_twenty_taken_codes() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut calls = 0;
        let code = generate::<()>(&mut rng, |_| {
            calls += 1;
            Ok(calls <= 20)
        })
        .unwrap();
        assert_eq!(code.len(), 8);
    }
}
