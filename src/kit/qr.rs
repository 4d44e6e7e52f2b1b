//! A QR code as a small SVG drawn on the server: one path of unit squares on a white field
//! (confirmation links, the printed report's verification address).

use qrcode::{Color, EcLevel, QrCode};

/// The SVG for `text`, labelled `label` (plain words, no markup), or None if it is too long for
/// a QR code.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let w = code.width();
    let quiet = 4;
    let size = w + 2 * quiet;
    let mut path = String::with_capacity(w * w * 8);
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == Color::Dark {
            let (x, y) = (i % w + quiet, i / w + quiet);
            path.push_str(&format!("M{x},{y}h1v1h-1z"));
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"264\" height=\"264\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{label}\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// The QR code for `text` as a `data:` URI for an `<img src>` (empty if `text` is too long).
pub fn data_uri(text: &str, label: &str) -> String {
    let svg = svg(text, label).unwrap_or_default();
    format!("data:image/svg+xml,{}", crate::web::url_encode(&svg))
}
