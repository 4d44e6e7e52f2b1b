//! Builders for a test's own data, written through the app's own inserts (the demo loader's),
//! so that no test depends on how many rows the demo data happens to have:
//!
//! ```ignore
//! let id = app.meeting().host("Polsek Kempas").kecamatan("14.04.19")
//!     .attendee("ppk", "Jawardi").commitment("ppk", "Menyiapkan logistik", "H-3", "open")
//!     .create().await;
//! app.user("andi").role(Role::Liaison).unit("Polsek Kempas").create().await;
//! ```
//!
//! And the lookups every test module needs (ids by name, counts), defined once here.

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::http::StatusCode;
use sinergi::auth::Role;
use sinergi::demo::stories::{Attendee, Commitment, Inst, Story};

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres};

use crate::helpers::{Page, TestApp};

static KEYS: AtomicUsize = AtomicUsize::new(0);

/// A meeting to be written by [`MeetingBuilder::create`]; every field has a plain default.
pub struct MeetingBuilder<'a> {
    app: &'a TestApp,
    story: Story,
    commitments: Vec<Commitment>,
}

impl MeetingBuilder<'_> {
    /// The hosting unit, by name (default "Polsek Kuala Kampar").
    pub fn host(mut self, unit: &str) -> Self {
        self.story.host = unit.into();
        self
    }

    /// The kecamatan (district code) it was held in (default "14.05.10", Kuala Kampar).
    pub fn kecamatan(mut self, code: &str) -> Self {
        self.story.district = code.into();
        self
    }

    pub fn title(mut self, title: &str) -> Self {
        self.story.title = title.into();
        self
    }

    /// A person present for the election body of `kind` ("ppk", "panwascam", "kpu", "bawaslu")
    /// of the meeting's kecamatan (regency for KPU and Bawaslu).
    pub fn attendee(mut self, kind: &str, person: &str) -> Self {
        self.story.attendees.push(Attendee {
            institution: Inst::Body(kind.into(), String::new()),
            person: person.into(),
            position: format!("Ketua {}", kind.to_uppercase()),
            rank: String::new(),
            members: 0,
            represents: String::new(),
            attendance: "present".into(),
        });
        self
    }

    /// A follow-up owned by the body of `kind` (as in [`Self::attendee`]); `due` "H-3" or a date.
    pub fn commitment(mut self, kind: &str, what: &str, due: &str, status: &str) -> Self {
        self.commitments.push(Commitment {
            meeting: self.story.key.clone(),
            what: what.into(),
            owner: Inst::Body(kind.into(), String::new()),
            to: None,
            due: due.into(),
            status: status.into(),
            note: String::new(),
        });
        self
    }

    /// Writes the meeting, its attendees and follow-ups in one transaction; the meeting's id.
    pub async fn create(mut self) -> i64 {
        let district = self.story.district.clone();
        let place = |i: &mut Inst| {
            if let Inst::Body(kind, region) = i {
                let regency = matches!(kind.as_str(), "kpu" | "bawaslu");
                *region = if regency {
                    district[..5].into()
                } else {
                    district.clone()
                };
            }
        };
        self.story
            .attendees
            .iter_mut()
            .for_each(|a| place(&mut a.institution));
        self.commitments
            .iter_mut()
            .for_each(|c| place(&mut c.owner));
        let mut tx = self.app.pool.begin().await.expect("begin");
        let id = sinergi::demo::meetings::insert(&mut tx, &self.story, None)
            .await
            .expect("the built meeting");
        for c in &self.commitments {
            sinergi::demo::followups::commitment(&mut tx, c)
                .await
                .expect("the built commitment");
        }
        tx.commit().await.expect("commit");
        id
    }
}

/// An account to be written by [`UserBuilder::create`], with the demo password.
pub struct UserBuilder<'a> {
    app: &'a TestApp,
    username: String,
    role: Role,
    unit: Option<String>,
}

impl UserBuilder<'_> {
    pub fn role(mut self, role: Role) -> Self {
        self.role = role;
        self
    }

    /// The police unit, by name (commanders, liaisons, Polda admins).
    pub fn unit(mut self, name: &str) -> Self {
        self.unit = Some(name.into());
        self
    }

    /// Writes the account; its id.
    pub async fn create(self) -> i64 {
        let unit_id = match &self.unit {
            Some(name) => Some(self.app.unit_id(name).await),
            None => None,
        };
        let hash: String =
            sqlx::query_scalar("select password_hash from app_user where username = 'admin'")
                .fetch_one(&self.app.pool)
                .await
                .expect("the demo password's hash");
        let display_name = format!("Petugas {}", self.username);
        let user = sinergi::auth::db::NewUser {
            username: &self.username,
            display_name: &display_name,
            position: "",
            rank: None,
            phone: None,
            role: self.role,
            unit_id,
            institution_id: None,
            password_hash: &hash,
        };
        sinergi::auth::db::insert_user(&self.app.pool, &user)
            .await
            .expect("the built account")
    }
}

impl TestApp {
    /// A meeting of the test's own, hosted by Polsek Kuala Kampar unless told otherwise.
    pub fn meeting(&self) -> MeetingBuilder<'_> {
        let key = format!("test-{}", KEYS.fetch_add(1, Ordering::SeqCst));
        MeetingBuilder {
            app: self,
            story: Story {
                key,
                host: "Polsek Kuala Kampar".into(),
                title: "Rapat koordinasi uji".into(),
                purpose: String::new(),
                date: chrono::NaiveDate::from_ymd_opt(2024, 11, 1).expect("date"),
                time: "10:00".into(),
                duration: 120,
                district: "14.05.10".into(),
                venue: "Aula Polsek".into(),
                address: String::new(),
                types: vec!["rakor".into()],
                topics: vec!["pam_tps".into()],
                minutes: String::new(),
                outcome: String::new(),
                status: "held".into(),
                attendees: Vec::new(),
            },
            commitments: Vec::new(),
        }
    }

    /// An account of the test's own, a liaison unless told otherwise; signs in with the demo password.
    pub fn user(&self, username: &str) -> UserBuilder<'_> {
        UserBuilder {
            app: self,
            username: username.into(),
            role: Role::Liaison,
            unit: None,
        }
    }
}

/// Reads of the test database that `TestApp` and the `Browser` share: ids by name, counts, one
/// value or row.
pub trait Lookup {
    fn pool(&self) -> &PgPool;

    /// The id of the seed meeting with idempotency key `key` (e.g. "demo-kempas-2024").
    async fn meeting_id(&self, key: &str) -> i64 {
        self.id("select id from meeting where idempotency_key = $1", &[key])
            .await
    }

    async fn unit_id(&self, name: &str) -> i64 {
        self.id("select id from police_unit where name = $1", &[name])
            .await
    }

    /// The election body (or other institution) of `kind` for `region`.
    async fn institution_id(&self, kind: &str, region: &str) -> i64 {
        self.id(
            "select id from institution where kind = $1 and region_code = $2",
            &[kind, region],
        )
        .await
    }

    /// The institution row of the police unit named `unit`.
    async fn unit_institution_id(&self, unit: &str) -> i64 {
        self.id(
            "select i.id from institution i join police_unit u on u.id = i.police_unit_id
             where u.name = $1",
            &[unit],
        )
        .await
    }

    async fn user_id(&self, username: &str) -> i64 {
        self.id("select id from app_user where username = $1", &[username])
            .await
    }

    /// The attendee line of `person` at `meeting`.
    async fn attendee_id(&self, meeting: i64, person: &str) -> i64 {
        self.id(
            "select id from attendee where meeting_id = $1::text::bigint and person_name = $2",
            &[&meeting.to_string(), person],
        )
        .await
    }

    /// How many audit entries of `action` there are.
    async fn audit_count(&self, action: &str) -> i64 {
        self.id(
            "select count(*) from audit_log where action = $1",
            &[action],
        )
        .await
    }

    /// The one number `sql` selects with text parameters `binds`.
    async fn id(&self, sql: &'static str, binds: &[&str]) -> i64 {
        let mut q = sqlx::query_scalar::<_, i64>(sql);
        for b in binds {
            q = q.bind(*b);
        }
        q.fetch_one(self.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql} {binds:?}: {e}"))
    }

    /// The one row (a tuple) `sql` selects with `bind` as `$1`.
    async fn row<'a, O, B>(&'a self, sql: &'static str, bind: B) -> O
    where
        O: for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
        B: sqlx::Encode<'a, Postgres> + sqlx::Type<Postgres> + Send + 'a,
    {
        sqlx::query_as(sql)
            .bind(bind)
            .fetch_one(self.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The one value `sql` selects with `bind` as `$1`.
    async fn one<'a, T, B>(&'a self, sql: &'static str, bind: B) -> T
    where
        (T,): for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
        B: sqlx::Encode<'a, Postgres> + sqlx::Type<Postgres> + Send + 'a,
    {
        self.row::<(T,), B>(sql, bind).await.0
    }

    /// Every value `sql` selects with `bind` as `$1`, in its order.
    async fn all<'a, T, B>(&'a self, sql: &'static str, bind: B) -> Vec<T>
    where
        (T,): for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
        B: sqlx::Encode<'a, Postgres> + sqlx::Type<Postgres> + Send + 'a,
    {
        sqlx::query_as::<_, (T,)>(sql)
            .bind(bind)
            .fetch_all(self.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .into_iter()
            .map(|(v,)| v)
            .collect()
    }

    /// Runs the statement `sql` with `bind` as `$1`.
    async fn exec_with<'a, B>(&'a self, sql: &'static str, bind: B)
    where
        B: sqlx::Encode<'a, Postgres> + sqlx::Type<Postgres> + Send + 'a,
    {
        sqlx::query(sql)
            .bind(bind)
            .execute(self.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// Runs the statement `sql` (no parameters).
    async fn exec(&self, sql: &'static str) {
        sqlx::query(sql)
            .execute(self.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// The one value `sql` selects, with no parameters.
    async fn single<T>(&self, sql: &'static str) -> T
    where
        (T,): for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
    {
        sqlx::query_as::<_, (T,)>(sql)
            .fetch_one(self.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .0
    }
}

impl Lookup for TestApp {
    fn pool(&self) -> &PgPool {
        &self.pool
    }
}

impl TestApp {
    /// `officer` makes a confirmation link at `meeting` for `person`'s line, or (`team`) for every
    /// line of `person`'s institution, and signs out again: the page that showed it, its path.
    pub async fn make_link(
        &mut self,
        officer: &str,
        meeting: i64,
        person: &str,
        team: bool,
    ) -> (Page, String) {
        let line = self.attendee_id(meeting, person).await;
        let (field, id) = match team {
            false => ("attendee_id", line),
            true => (
                "institution_id",
                self.id(
                    "select institution_id from attendee where id = $1::bigint",
                    &[&line.to_string()],
                )
                .await,
            ),
        };
        self.login_as(officer).await;
        let page = self
            .post_form(
                &format!("/pertemuan/{meeting}/konfirmasi/tautan"),
                &[(field, &id.to_string()), ("days", "14")],
            )
            .await;
        page.assert_status(StatusCode::OK);
        let url = page.attr("input.link-url", "value").expect("the new link");
        self.logout().await;
        let path = url.trim_start_matches("http://127.0.0.1:8080").to_string();
        (page, path)
    }

    /// A meeting of Polsek Kempas in its kecamatan, and `n` held copies of it (same host, kecamatan
    /// and place) titled "`title` 1" to "`title` `n`", going back from its day `per_day` copies a
    /// day: the original's id.
    pub async fn kempas_meeting_and_copies(&self, n: i32, title: &str, per_day: i32) -> i64 {
        let id = self
            .meeting()
            .host("Polsek Kempas")
            .kecamatan("14.04.19")
            .create()
            .await;
        sqlx::query(
            "insert into meeting (host_unit_id, unit_path, polda_id, polres_id, title, starts_at,
                                  district_code, venue_name, status)
             select host_unit_id, unit_path, polda_id, polres_id, $3 || ' ' || g,
                    starts_at - (g / $4) * interval '1 day', district_code, venue_name, 'held'
             from meeting, generate_series(1, $2) g where id = $1",
        )
        .bind(id)
        .bind(n)
        .bind(title)
        .bind(per_day)
        .execute(&self.pool)
        .await
        .expect("copies");
        id
    }

    /// Sets `meeting` back to held, so that its attendees may answer again.
    pub async fn reopen(&self, meeting: i64) {
        sqlx::query("update meeting set status = 'held' where id = $1")
            .bind(meeting)
            .execute(&self.pool)
            .await
            .expect("reopen");
    }

    /// The signed-in officer revokes the newest live personal (or `team`) link of `meeting`.
    pub async fn revoke_newest_link(&mut self, meeting: i64, team: bool) -> Page {
        let link = self
            .id(
                "select id from confirmation_link where meeting_id = $1::bigint
                 and (attendee_id is null) = $2::bool and revoked_at is null order by id desc limit 1",
                &[&meeting.to_string(), &team.to_string()],
            )
            .await;
        self.post_form(
            &format!("/pertemuan/{meeting}/konfirmasi/tautan/{link}/cabut"),
            &[],
        )
        .await
    }
}
