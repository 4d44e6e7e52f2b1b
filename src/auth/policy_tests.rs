//! The policy's rules, one sentence each.

use super::*;

fn user(role: Role, unit: Option<i64>, path: Vec<i64>, inst: Option<i64>) -> CurrentUser {
    CurrentUser {
        id: 1,
        username: "u".into(),
        display_name: "U".into(),
        position: String::new(),
        role,
        unit_id: unit,
        unit_name: None,
        unit_level: None,
        unit_path: path,
        institution_id: inst,
        institution_name: None,
        must_change_password: false,
    }
}

#[test]
fn a_polres_liaison_may_log_for_its_polsek_but_not_for_a_neighbour() {
    let polres = user(Role::Liaison, Some(20), vec![1, 2, 20], None);
    assert!(may_write_meetings_of(&polres, &[1, 2, 20, 300]));
    assert!(may_write_meetings_of(&polres, &[1, 2, 20]));
    assert!(!may_write_meetings_of(&polres, &[1, 2, 21, 310]));
}

#[test]
fn commanders_and_officials_never_write_meetings() {
    let cmd = user(Role::Commander, Some(20), vec![1, 2, 20], None);
    let off = user(Role::Official, None, vec![], Some(5));
    assert!(!may_write_meetings_of(&cmd, &[1, 2, 20]));
    assert!(!may_write_meetings_of(&off, &[1, 2, 20]));
}

#[test]
fn commitments_are_updated_by_their_owner_and_verified_by_the_counterpart() {
    let ppk_official = user(Role::Official, None, vec![], Some(100));
    let other_official = user(Role::Official, None, vec![], Some(101));
    let polsek = user(Role::Liaison, Some(7), vec![1, 2, 5, 7], None);
    let neighbour = user(Role::Liaison, Some(8), vec![1, 2, 5, 8], None);
    let polres_cmd = user(Role::Commander, Some(5), vec![1, 2, 5], None);
    let ppk_owned = CommitmentParties {
        host_path: &[1, 2, 5, 7],
        owner_institution_id: 100,
        owner_police_path: None,
        to_institution_id: None,
    };
    assert!(may_update_commitment(&ppk_official, &ppk_owned));
    assert!(!may_update_commitment(&other_official, &ppk_owned));
    assert!(may_update_commitment(&polsek, &ppk_owned));
    assert!(!may_update_commitment(&neighbour, &ppk_owned));
    assert!(!may_update_commitment(&polres_cmd, &ppk_owned));
    assert!(
        may_verify_commitment(&polsek, &ppk_owned),
        "the host verifies the PPK's work"
    );
    assert!(
        !may_verify_commitment(&ppk_official, &ppk_owned),
        "not the owner itself"
    );
    let police_owned = CommitmentParties {
        host_path: &[1, 2, 5, 7],
        owner_institution_id: 900,
        owner_police_path: Some(&[1, 2, 5, 7]),
        to_institution_id: Some(100),
    };
    assert!(
        may_verify_commitment(&ppk_official, &police_owned),
        "the PPK verifies the Polsek's patrols"
    );
    assert!(
        !may_verify_commitment(&polsek, &police_owned),
        "the police do not verify themselves"
    );
    assert!(!may_verify_commitment(&other_official, &police_owned));
}

fn holder(institution_id: i64) -> LinkHolder {
    LinkHolder {
        link_id: 1,
        meeting_id: 1,
        attendee_id: None,
        institution_id,
        institution_name: "PPK".into(),
        person: "PPK".into(),
    }
}

#[test]
fn a_link_holder_updates_what_its_institution_owns_and_verifies_only_the_polices_promises() {
    let ppk_owned = CommitmentParties {
        host_path: &[1, 2, 5, 7],
        owner_institution_id: 100,
        owner_police_path: None,
        to_institution_id: None,
    };
    let police_owned = CommitmentParties {
        host_path: &[1, 2, 5, 7],
        owner_institution_id: 900,
        owner_police_path: Some(&[1, 2, 5, 7]),
        to_institution_id: Some(100),
    };
    let ppk = holder(100);
    let stranger = holder(101);
    use CommitmentAct::*;
    assert!(link_may_act_on_commitment(&ppk, &ppk_owned, Progress));
    assert!(link_may_act_on_commitment(&ppk, &ppk_owned, Note));
    assert!(
        !link_may_act_on_commitment(&ppk, &ppk_owned, Verify),
        "not its own work"
    );
    assert!(!link_may_act_on_commitment(&ppk, &ppk_owned, Drop));
    assert!(!link_may_act_on_commitment(&ppk, &ppk_owned, Reopen));
    assert!(link_may_act_on_commitment(&ppk, &police_owned, Verify));
    assert!(link_may_act_on_commitment(&ppk, &police_owned, Note));
    assert!(!link_may_act_on_commitment(&ppk, &police_owned, Progress));
    for act in [Note, Progress, Reopen, Verify, Drop] {
        assert!(!link_may_act_on_commitment(&stranger, &ppk_owned, act));
        assert!(!link_may_act_on_commitment(&stranger, &police_owned, act));
    }
}

#[test]
fn a_team_link_answers_only_unclaimed_lines_or_those_this_browser_claimed() {
    let mine = "a".repeat(64);
    assert!(team_link_may_answer(&LineClaim::Unanswered, &mine));
    assert!(team_link_may_answer(
        &LineClaim::Team(Some(mine.clone())),
        &mine
    ));
    assert!(!team_link_may_answer(
        &LineClaim::Team(Some("b".repeat(64))),
        &mine
    ));
    assert!(!team_link_may_answer(&LineClaim::Team(None), &mine));
    assert!(!team_link_may_answer(&LineClaim::Personal, &mine));
}

#[test]
fn only_the_police_open_the_confirmation_desk_and_only_officials_answer_for_an_institution() {
    let off = user(Role::Official, None, vec![], Some(5));
    let cmd = user(Role::Commander, Some(20), vec![1, 2, 20], None);
    assert!(!may_open_confirmation_desk(&off));
    assert!(may_open_confirmation_desk(&cmd));
    assert_eq!(answering_institution(&off), Some(5));
    let odd = user(Role::Liaison, Some(20), vec![1, 2, 20], Some(5));
    assert_eq!(answering_institution(&odd), None);
}

#[test]
fn scopes_follow_the_role() {
    let admin = user(Role::Admin, None, vec![], None);
    assert!(admin.scope().national);
    let polda_admin = user(Role::Admin, Some(2), vec![1, 2], None);
    assert_eq!(
        polda_admin.scope(),
        Scope {
            national: false,
            unit: Some(2),
            institution: None
        }
    );
    let off = user(Role::Official, None, vec![], Some(5));
    assert_eq!(
        off.scope(),
        Scope {
            national: false,
            unit: None,
            institution: Some(5)
        }
    );
    assert!(!off.scope().sees_unit(&[1, 2, 20]));
    assert!(polda_admin.scope().sees_unit(&[1, 2, 20]));
    assert!(!polda_admin.scope().sees_unit(&[1, 3, 30]));
}
