//! The built-in touchpoint channels, read from the UI's
//! `ui/src/canvas/channels.json` (their one definition, also read by the
//! canvas): the ids cards store for them, in the order the channel menu offers
//! them. Any other channel is the user's own text, shown as typed.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n;
use crate::template::Lang;

#[derive(Deserialize)]
struct ChannelsFile {
    builtin: Vec<String>,
}

/// The built-in channels' ids, in the menu's order.
pub fn builtin() -> &'static [String] {
    static BUILTIN: OnceLock<Vec<String>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        // The file is part of the build; the test below reads it whole.
        serde_json::from_str::<ChannelsFile>(include_str!("../../ui/src/canvas/channels.json")).map(|f| f.builtin).unwrap_or_default()
    })
}

/// True for a built-in channel's id.
pub fn is_builtin(channel: &str) -> bool {
    builtin().iter().any(|c| c == channel)
}

/// What a card's channel label shows: a built-in channel by its name in
/// `lang` (the UI's `channel.<id>`, so the canvas and the exports agree), any
/// other channel as typed.
pub fn label(channel: &str, lang: Lang) -> String {
    let channel = channel.trim();
    let builtin = is_builtin(channel).then(|| i18n::lookup(lang, &format!("channel.{channel}")));
    builtin.flatten().unwrap_or(channel).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_lists_the_channels_each_named_in_both_languages() {
        let file: ChannelsFile = serde_json::from_str(include_str!("../../ui/src/canvas/channels.json")).expect("channels.json");
        assert_eq!(builtin(), file.builtin.as_slice());
        assert!(builtin().len() >= 10, "{:?}", builtin());
        for id in builtin() {
            for lang in [Lang::En, Lang::Vi] {
                let name = label(id, lang);
                assert!(!name.is_empty() && name != *id, "{id} has no {lang:?} name");
            }
        }
        assert_eq!(label("landing_page", Lang::En), "Landing page");
        assert_eq!(label(" landing_page ", Lang::Vi), "Trang đích");
        assert_eq!(label("Zalo OA", Lang::Vi), "Zalo OA", "the user's own channel as typed");
        assert!(!is_builtin("Landing_page"), "ids are exact");
    }
}
