//! The one error type of the web layer. Every failure becomes a page inside the layout:
//! 4xx with a message the person can act on, 5xx with a reference id that is in the log and
//! nothing internal.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("login required")]
    LoginRequired(String),
    #[error("too many requests")]
    TooManyRequests,
    /// Every slot for expensive work (password hashes) is taken: 503, come back in a moment.
    #[error("busy")]
    Busy,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Template(#[from] askama::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    status: u16,
    title: &'static str,
    message: String,
    reference: Option<String>,
    t: Lang,
}

impl AppError {
    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "Halaman tidak ditemukan",
                "Alamat ini tidak ada, atau bukan bagian dari wilayah tugas Anda.".into(),
            ),
            AppError::LoginRequired(_) => (StatusCode::SEE_OTHER, "Silakan masuk", String::new()),
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "Akses ditolak",
                "Akun Anda tidak berwenang membuka atau mengubah data ini.".into(),
            ),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, "Permintaan tidak valid", m.clone()),
            AppError::Conflict(m) => (StatusCode::CONFLICT, "Data sudah berubah", m.clone()),
            AppError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "Kiriman terlalu besar",
                "Berkas atau isian terlalu besar (paling besar 12 MB per kiriman; foto 10 MB).".into(),
            ),
            AppError::TooManyRequests => (
                StatusCode::TOO_MANY_REQUESTS,
                "Terlalu banyak percobaan",
                "Tunggu satu menit, lalu coba lagi.".into(),
            ),
            AppError::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Server sedang sibuk",
                "Terlalu banyak permintaan masuk sekaligus. Coba lagi beberapa detik lagi.".into(),
            ),
            AppError::Database(sqlx::Error::RowNotFound) => (
                StatusCode::NOT_FOUND,
                "Halaman tidak ditemukan",
                "Data ini tidak ada, atau bukan bagian dari wilayah tugas Anda.".into(),
            ),
            _ => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Terjadi kesalahan",
                "Maaf, sistem gagal memproses permintaan ini. Sebutkan nomor referensi di bawah bila melapor.".into(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::LoginRequired(next) = &self {
            let mut to = String::from("/login");
            if next.starts_with('/') && next != "/" {
                to.push_str("?next=");
                to.push_str(&crate::web::url_encode(next));
            }
            return axum::response::Redirect::to(&to).into_response();
        }
        let (status, title, message) = self.parts();
        let reference = (status.is_server_error() && !matches!(self, AppError::Busy)).then(|| {
            let r = crate::web::random_token(6);
            tracing::error!(error.reference = %r, error = %self, "request failed");
            r
        });
        let page = ErrorPage {
            status: status.as_u16(),
            title,
            message,
            reference,
            t: crate::i18n::current(),
        };
        let body = page
            .render()
            .unwrap_or_else(|_| format!("<!doctype html><title>{title}</title><h1>{title}</h1>"));
        let mut resp = (status, Html(body)).into_response();
        let retry_after = match self {
            AppError::TooManyRequests => Some("60"),
            AppError::Busy => Some("5"),
            _ => None,
        };
        if let Some(secs) = retry_after {
            resp.headers_mut()
                .insert("retry-after", axum::http::HeaderValue::from_static(secs));
        }
        resp
    }
}

/// An error page for a bare status some layer answered with (CSRF refusal, body too large,
/// timeout, wrong method): people get a page, never an empty or plain-text body.
pub fn status_page(status: StatusCode) -> Response {
    let (title, message) = match status.as_u16() {
        403 => (
            "Permintaan ditolak",
            "Formulir ini tampaknya dikirim dari situs lain. Muat ulang halaman Sinergi lalu coba lagi.",
        ),
        405 => (
            "Cara akses tidak didukung",
            "Alamat ini tidak menerima permintaan seperti itu.",
        ),
        408 | 503 => (
            "Waktu habis",
            "Server terlalu lama menjawab. Coba lagi sebentar lagi.",
        ),
        413 => (
            "Kiriman terlalu besar",
            "Berkas atau isian terlalu besar (paling besar 12 MB per kiriman; foto 10 MB).",
        ),
        415 => (
            "Jenis kiriman tidak didukung",
            "Muat ulang halaman lalu kirim formulirnya lagi.",
        ),
        429 => (
            "Terlalu banyak percobaan",
            "Tunggu satu menit, lalu coba lagi.",
        ),
        _ => (
            "Permintaan tidak dapat diproses",
            "Muat ulang halaman lalu coba lagi.",
        ),
    };
    let page = ErrorPage {
        status: status.as_u16(),
        title,
        message: message.into(),
        reference: None,
        t: crate::i18n::current(),
    };
    let body = page
        .render()
        .unwrap_or_else(|_| format!("<!doctype html><title>{title}</title><h1>{title}</h1>"));
    (status, Html(body)).into_response()
}

/// The 404 for unknown paths.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
