//! Photos (dokumentasi): checked by content (JPEG, PNG or WebP), turned upright, resized to at most
//! 1600 px with a 320 px thumbnail, and re-encoded as JPEG, which drops EXIF (location included).
//! A photo's declared size is checked before its pixels are decoded (a few hundred KB of PNG can
//! declare gigabytes of pixels), the decoder's memory is capped, and only a few photos are decoded
//! at once ([`process_limited`]): a burst of uploads waits briefly or is told to try again.

use std::io::Cursor;
use std::sync::LazyLock;
use std::time::Duration;

use tokio::sync::Semaphore;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Largest photo accepted, before resizing.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Most pixels a photo may have (a 48 MP phone camera bins to 12 MP; 40 MP leaves room).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Most memory the decoder may allocate (40 MP × 4 bytes, plus room for the decoder's own buffers).
const MAX_DECODER_BYTES: u64 = 256 * 1024 * 1024;
/// How long an upload waits for a decoding slot.
const DECODE_WAIT: Duration = Duration::from_secs(10);

/// Photos decoded at once: one per core, at least two.
static DECODING: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get().max(2)))
});

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
    #[error("Resolusi foto terlalu besar: paling banyak 40 megapiksel.")]
    TooManyPixels,
    #[error("Server sedang memproses banyak foto. Coba unggah lagi sebentar lagi.")]
    Busy,
}

/// [`process`] in a decoding slot, off the async threads; `Busy` when none frees up in time.
pub async fn process_limited(bytes: Vec<u8>) -> Result<Processed, PhotoError> {
    let permit = tokio::time::timeout(DECODE_WAIT, DECODING.acquire())
        .await
        .map_err(|_| PhotoError::Busy)?
        .map_err(|_| PhotoError::Busy)?;
    let result = tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .unwrap_or(Err(PhotoError::Unreadable));
    drop(permit);
    result
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
    limits.max_alloc = Some(MAX_DECODER_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::Unreadable,
    })?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels);
    }
    let orientation = decoder.orientation().map_err(|_| PhotoError::Unreadable)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::Unreadable,
    })?;
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

    /// A valid PNG header declaring `w` × `h` pixels, with a few bytes of (compressed) data.
    fn png_declaring(w: u32, h: u32) -> Vec<u8> {
        let mut tiny = png(1, 1);
        // IHDR's width and height sit at bytes 16..24; its CRC at 29..33.
        tiny[16..20].copy_from_slice(&w.to_be_bytes());
        tiny[20..24].copy_from_slice(&h.to_be_bytes());
        let crc = crc32(&tiny[12..29]);
        tiny[29..33].copy_from_slice(&crc.to_be_bytes());
        tiny
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for b in bytes {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }

    #[test]
    fn a_small_png_declaring_a_huge_size_is_refused_before_its_pixels_are_decoded() {
        let bomb = png_declaring(10_000, 10_000);
        assert!(bomb.len() < 200);
        assert_eq!(process(&bomb).err(), Some(PhotoError::TooManyPixels));
        let wide = png_declaring(60_000, 60_000);
        assert_eq!(process(&wide).err(), Some(PhotoError::TooManyPixels));
    }

    #[test]
    fn more_than_ten_megabytes_is_refused_before_decoding() {
        assert_eq!(
            process(&vec![0u8; MAX_BYTES + 1]).err(),
            Some(PhotoError::TooLarge)
        );
    }
}
