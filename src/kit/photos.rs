//! Photos (dokumentasi): checked by content (JPEG, PNG or WebP), turned upright, resized to at most
//! 1600 px with a 320 px thumbnail, and re-encoded as JPEG, which drops EXIF (location included).

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Largest photo accepted, before resizing.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

pub struct Processed {
    pub image: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why a photo was refused, in words for the officer.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("Foto terlalu besar: paling besar 10 MB.")]
    TooLarge,
    #[error("Berkas ini bukan foto JPEG, PNG atau WebP.")]
    NotAnImage,
    #[error("Foto tidak dapat dibaca (rusak atau terlalu besar ukurannya).")]
    Unreadable,
    #[error("Pilih foto yang akan diunggah.")]
    Empty,
}

pub fn process(bytes: &[u8]) -> Result<Processed, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| PhotoError::NotAnImage)?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        _ => return Err(PhotoError::NotAnImage),
    }
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| PhotoError::Unreadable)?;
    let orientation = decoder.orientation().map_err(|_| PhotoError::Unreadable)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| PhotoError::Unreadable)?;
    img.apply_orientation(orientation);
    let big = if img.width() > 1600 || img.height() > 1600 {
        img.resize(1600, 1600, image::imageops::FilterType::Triangle)
    } else {
        img.clone()
    };
    let thumb = img.thumbnail(320, 320);
    Ok(Processed {
        width: big.width(),
        height: big.height(),
        image: jpeg(&big, 82)?,
        thumb: jpeg(&thumb, 75)?,
    })
}

fn jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let rgb = img.to_rgb8();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|_| PhotoError::Unreadable)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::new_rgb8(w, h);
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn a_large_png_is_resized_and_becomes_a_jpeg_with_a_thumbnail() {
        let p = process(&png(3200, 1600)).expect("ok");
        assert_eq!((p.width, p.height), (1600, 800));
        assert_eq!(&p.image[..3], &[0xFF, 0xD8, 0xFF]);
        let t = image::load_from_memory(&p.thumb).expect("thumb");
        assert_eq!(t.width(), 320);
    }

    #[test]
    fn a_text_file_named_jpg_is_refused() {
        assert_eq!(
            process(b"hello, this is not a photo").err(),
            Some(PhotoError::NotAnImage)
        );
        assert_eq!(process(b"").err(), Some(PhotoError::Empty));
    }

    #[test]
    fn a_truncated_jpeg_is_refused() {
        let mut bytes = Vec::new();
        DynamicImage::new_rgb8(64, 64)
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Jpeg)
            .expect("jpeg");
        bytes.truncate(40);
        assert!(process(&bytes).is_err());
    }

    #[test]
    fn more_than_ten_megabytes_is_refused_before_decoding() {
        assert_eq!(
            process(&vec![0u8; MAX_BYTES + 1]).err(),
            Some(PhotoError::TooLarge)
        );
    }
}
