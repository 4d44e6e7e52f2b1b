//! The states a record moves through, as types: each maps to the `text` column its table checks
//! (`migrations/`), has one label (Indonesian; templates translate it), and the commitment state
//! machine is a `match` the compiler checks for exhaustiveness.

use std::fmt;

/// A `text`-backed enum: `code()` as stored, `parse()` back, `label()` as shown, `ALL` in order,
/// and sqlx encoding/decoding through the code.
macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// The value as stored and as sent in forms and query strings.
            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code),+ }
            }

            /// The Indonesian label (templates translate it with `t.m`).
            pub fn label(self) -> &'static str {
                match self { $($name::$v => $label),+ }
            }

            /// The value for a stored or submitted code.
            pub fn parse(code: &str) -> Option<Self> {
                match code.trim() { $($code => Some($name::$v),)+ _ => None }
            }

            /// The label for a code, "—" for an unknown one.
            pub fn label_of(code: &str) -> &'static str {
                Self::parse(code).map_or("—", Self::label)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, UnknownCode> {
                Self::parse(s).ok_or(UnknownCode)
            }
        }

        impl sqlx::Type<sqlx::Postgres> for $name {
            fn type_info() -> sqlx::postgres::PgTypeInfo {
                <String as sqlx::Type<sqlx::Postgres>>::type_info()
            }
            fn compatible(ty: &sqlx::postgres::PgTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Postgres>>::compatible(ty)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Postgres> for $name {
            fn decode(value: sqlx::postgres::PgValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let s = <&str as sqlx::Decode<sqlx::Postgres>>::decode(value)?;
                Self::parse(s).ok_or_else(|| format!("unknown {} {s:?}", stringify!($name)).into())
            }
        }

        impl sqlx::Encode<'_, sqlx::Postgres> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut sqlx::postgres::PgArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<sqlx::Postgres>>::encode(self.code(), buf)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                Self::parse(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!("unknown {} {s:?}", stringify!($name)))
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
    };
}

/// A code that names no value of the enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown code")]
pub struct UnknownCode;

text_enum!(
    /// Where a meeting stands (`meeting.status`).
    MeetingStatus {
        Planned = "planned" / "Direncanakan",
        Held = "held" / "Terlaksana",
        Reported = "reported" / "Dilaporkan",
        Cancelled = "cancelled" / "Dibatalkan",
    }
);

text_enum!(
    /// Whether an attendee line was there, as the officer recorded it (`attendee.attendance`).
    Attendance {
        Present = "present" / "Hadir",
        Invited = "invited" / "Diundang",
        Absent = "absent" / "Tidak hadir",
    }
);

text_enum!(
    /// What an official answered through a confirmation (`confirmation.answer`).
    Answer {
        Present = "present" / "Saya hadir",
        Absent = "absent" / "Saya tidak hadir",
        Disputed = "disputed" / "Catatan tidak sesuai",
    }
);

text_enum!(
    /// Where an attendee line's confirmation stands (`attendee.confirmation`): not yet answered,
    /// or the latest answer. A disputed line is a "sanggahan".
    ConfirmationState {
        Pending = "pending" / "belum dikonfirmasi",
        Present = "present" / "hadir",
        Absent = "absent" / "tidak hadir",
        Disputed = "disputed" / "disanggah",
    }
);

text_enum!(
    /// Where a commitment (follow-up) stands (`commitment.status`).
    CommitmentStatus {
        Open = "open" / "Terbuka",
        InProgress = "in_progress" / "Dikerjakan",
        Done = "done" / "Selesai (menunggu verifikasi)",
        Verified = "verified" / "Terverifikasi",
        Dropped = "dropped" / "Dibatalkan",
    }
);

text_enum!(
    /// How urgent a commitment is (`commitment.priority`).
    Priority {
        High = "high" / "Tinggi",
        Normal = "normal" / "Biasa",
        Low = "low" / "Rendah",
    }
);

impl CommitmentStatus {
    /// Whether a commitment may move from `self` to `to`. Verified and dropped are final; a done
    /// commitment the counterpart does not accept goes back to in progress.
    pub fn may_move(self, to: CommitmentStatus) -> bool {
        use CommitmentStatus::*;
        match self {
            Open => matches!(to, InProgress | Done | Dropped),
            InProgress => matches!(to, Open | Done | Dropped),
            Done => matches!(to, Verified | InProgress | Dropped),
            Verified | Dropped => false,
        }
    }

    /// Still owed: open or in progress.
    pub fn is_pending(self) -> bool {
        matches!(self, CommitmentStatus::Open | CommitmentStatus::InProgress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for s in CommitmentStatus::ALL {
            assert_eq!(CommitmentStatus::parse(s.code()), Some(*s));
        }
        for s in MeetingStatus::ALL {
            assert_eq!(s.code().parse::<MeetingStatus>(), Ok(*s));
        }
        assert_eq!(Answer::parse("maybe"), None);
        assert_eq!(Attendance::label_of("nope"), "—");
    }

    #[test]
    fn final_states_never_move_and_done_needs_a_verifier_or_goes_back() {
        use CommitmentStatus::*;
        for to in CommitmentStatus::ALL {
            assert!(!Verified.may_move(*to));
            assert!(!Dropped.may_move(*to));
        }
        assert!(Done.may_move(Verified));
        assert!(Done.may_move(InProgress));
        assert!(!Open.may_move(Verified));
        assert!(!Open.may_move(Open));
    }
}
