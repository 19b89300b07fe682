//! The system clipboard's picture. WebKitGTK hands the page no picture from the
//! system clipboard (a paste event with no types or files, and
//! `navigator.clipboard.read()` refused), so when a paste brings the page nothing
//! the UI asks `paste_image`, which reads the clipboard here (arboard, on its own
//! X connection: never on the main thread, which must answer for the webview's
//! own clipboard) and hands the pixels to the core (`Session::put_pixels`).

/// Why the system clipboard could not be read. An empty clipboard, or one with
/// only text on it, is not an error: it has no picture.
#[derive(Debug, thiserror::Error)]
pub enum ClipboardError {
    #[error("the system clipboard could not be read: {0}")]
    Unreadable(#[source] arboard::Error),
}

impl ClipboardError {
    pub fn code(&self) -> &'static str {
        match self {
            ClipboardError::Unreadable(_) => "clipboard_unreadable",
        }
    }
}

impl From<ClipboardError> for journey_studio::error::ErrorInfo {
    fn from(e: ClipboardError) -> Self {
        Self { code: e.code().to_owned(), message: e.to_string() }
    }
}

/// A picture as raw pixels: 8-bit RGBA rows, top first.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// The picture on the system clipboard, or `None` when it holds none.
pub fn picture() -> Result<Option<Pixels>, ClipboardError> {
    let mut clipboard = arboard::Clipboard::new().map_err(ClipboardError::Unreadable)?;
    match clipboard.get_image() {
        Ok(image) => {
            let side = |n: usize| u32::try_from(n).map_err(|_| ClipboardError::Unreadable(arboard::Error::ConversionFailure));
            Ok(Some(Pixels { width: side(image.width)?, height: side(image.height)?, rgba: image.bytes.into_owned() }))
        }
        Err(arboard::Error::ContentNotAvailable) => Ok(None),
        Err(e) => Err(ClipboardError::Unreadable(e)),
    }
}
