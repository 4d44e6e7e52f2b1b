//! A meeting's photos: kept (checked by content, resized, EXIF dropped by `kit::photos`) with an
//! audit entry, and served in the reader's scope. The upload form is on the meeting page, so its
//! handler lives with the page (`crate::pages`) and calls `save`.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::db;
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::kit::photos::{self, PhotoError};
use crate::web::RequestMeta;

/// What the upload form sent; `key` names a photo queued on a phone (its retries carry it too).
struct Upload {
    bytes: Vec<u8>,
    caption: String,
    key: Option<String>,
}

/// A queued photo's key as sent: 1–100 letters, digits, `-` or `_`; anything else is no key.
fn upload_key(text: &str) -> Option<String> {
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    (!text.is_empty() && text.len() <= 100 && text.chars().all(ok)).then(|| text.to_string())
}

/// Reads the form's photo and caption; a body cut off by the size limit is `TooLarge`.
async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Upload, PhotoError> {
    let mut multipart = multipart.map_err(|_| PhotoError::Empty)?;
    let mut up = Upload {
        bytes: Vec::new(),
        caption: String::new(),
        key: None,
    };
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| PhotoError::TooLarge)?
    {
        match field.name() {
            Some("photo") => {
                up.bytes = field
                    .bytes()
                    .await
                    .map_err(|_| PhotoError::TooLarge)?
                    .to_vec();
            }
            Some("caption") => {
                let text = field.text().await.unwrap_or_default();
                up.caption = text.trim().chars().take(300).collect();
            }
            Some("key") => up.key = upload_key(field.text().await.unwrap_or_default().trim()),
            _ => {}
        }
    }
    Ok(up)
}

/// Keeps the uploaded photo of meeting `id` (whose host is `host_unit_id`); `Err` with what is
/// wrong with the file, for the message next to the field. The same photo twice is kept once, and
/// so is a photo sent again under the key it was first kept with.
pub async fn save(
    state: &AppState,
    user: &CurrentUser,
    meta: &RequestMeta,
    id: i64,
    host_unit_id: i64,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Result<(), PhotoError>> {
    let up = match read_upload(multipart).await {
        Ok(up) => up,
        Err(e) => return Ok(Err(e)),
    };
    if let Some(key) = &up.key {
        let kept = sqlx::query_scalar!(
            "select id from photo where meeting_id = $1 and upload_key = $2",
            id,
            key
        )
        .fetch_optional(&state.pool)
        .await?;
        if kept.is_some() {
            return Ok(Ok(()));
        }
    }
    let bytes = up.bytes;
    let p = match photos::process_limited(bytes).await {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let sha = crate::web::sha256_hex(&[&p.image]);
    let mut tx = state.pool.begin().await?;
    let pid = sqlx::query_scalar!(
        "insert into photo (meeting_id, caption, width, height, image, thumb, sha256, uploaded_by, upload_key)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing returning id",
        id,
        up.caption,
        p.width as i32,
        p.height as i32,
        p.image,
        p.thumb,
        sha,
        user.id,
        up.key
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(pid) = pid {
        let after = serde_json::json!({ "photo": pid, "caption": up.caption });
        audit::record(
            &mut tx,
            Entry::by(user, meta, "photo.add", "meeting", Some(id))
                .unit(Some(host_unit_id))
                .change(None, Some(after)),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// A photo (`besar.jpg`) or its thumbnail (`kecil.jpg`) of a meeting the reader may see.
pub async fn photo(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, pid, size)): Path<(String, String, String)>,
) -> AppResult<Response> {
    let (Ok(id), Ok(pid)) = (id.parse::<i64>(), pid.parse::<i64>()) else {
        return Err(AppError::NotFound);
    };
    if db::meeting(&state.pool, id, user.scope()).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let row = sqlx::query!(
        "select image, thumb from photo where id = $1 and meeting_id = $2",
        pid,
        id
    )
    .fetch_optional(&state.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let body = match size.as_str() {
        "besar.jpg" => row.image,
        "kecil.jpg" => row.thumb,
        _ => return Err(AppError::NotFound),
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=86400"),
            ),
        ],
        body,
    )
        .into_response())
}
