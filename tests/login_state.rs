//! The login state machine (RELIABILITY.md fault matrix): random sequences of logins, wrong
//! passwords, idle time (the clock also moves back), locking, unlocking, role changes and writes,
//! run against the core and against a small model of the rules. After every step the core must
//! answer as the model does: lockout and idle lock hold, and nothing is written without a session.

mod common;
use chrono::{DateTime, Duration, FixedOffset};
use common::*;
use proptest::prelude::*;
use sifa::accounts::{NewUserInput, UserUpdateInput};
use sifa::clock::{Clock, ManualClock};
use sifa::Desk;
use std::sync::Arc;

const STAFF: &str = "liming";
const STAFF_PASSWORD: &str = "xinmima2026";

#[derive(Debug, Clone)]
enum Op {
    Login { staff: bool, correct: bool },
    Advance { minutes: i64 },
    Touch,
    Lock,
    Unlock { correct: bool },
    Logout,
    SetStaffRole { readonly: bool },
    Write,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<bool>(), prop::bool::weighted(0.4)).prop_map(|(staff, correct)| Op::Login { staff, correct }),
        3 => (-5i64..=12).prop_map(|minutes| Op::Advance { minutes }),
        2 => Just(Op::Touch),
        1 => Just(Op::Lock),
        2 => prop::bool::weighted(0.5).prop_map(|correct| Op::Unlock { correct }),
        1 => Just(Op::Logout),
        1 => any::<bool>().prop_map(|readonly| Op::SetStaffRole { readonly }),
        2 => Just(Op::Write),
    ]
}

#[derive(Debug, Clone, Default)]
struct Account {
    failures: u32,
    locked_until: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Session {
    None,
    Active { staff: bool, last: DateTime<FixedOffset> },
    Locked { staff: bool },
}

struct Model {
    accounts: [Account; 2],
    session: Session,
    staff_readonly: bool,
}

impl Model {
    /// The outcome code of checking a password (None = success), as the rules say.
    fn authenticate(&mut self, staff: bool, correct: bool, now: DateTime<FixedOffset>) -> Option<&'static str> {
        let a = &mut self.accounts[staff as usize];
        if a.locked_until.is_some_and(|u| u > now) {
            return Some("auth.locked_out");
        }
        if correct {
            *a = Account::default();
            return None;
        }
        let previous = if a.locked_until.is_some() { 0 } else { a.failures };
        let failures = previous + 1;
        if failures >= 5 {
            *a = Account { failures: 0, locked_until: Some(now + Duration::minutes(10)) };
            Some("auth.locked_out")
        } else {
            *a = Account { failures, locked_until: None };
            Some("auth.wrong_password")
        }
    }

    /// The session check every command makes (None = allowed, as the staff flag).
    fn session_user(&mut self, now: DateTime<FixedOffset>) -> Result<bool, &'static str> {
        match self.session.clone() {
            Session::None => Err("auth.required"),
            Session::Locked { .. } => Err("auth.session_locked"),
            Session::Active { staff, last } => {
                if now - last >= Duration::minutes(10) {
                    self.session = Session::Locked { staff };
                    Err("auth.session_locked")
                } else {
                    self.session = Session::Active { staff, last: now };
                    Ok(staff)
                }
            }
        }
    }
}

fn code<T>(r: sifa::Result<T>) -> Option<String> {
    r.err().map(|e| e.code())
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::at_date(day("2026-11-27")));
    let (mut desk, _) = Desk::create(&dir.path().join("s.db"), clock.clone(), setup_input()).unwrap();
    let head = desk.login(ADMIN, PASSWORD).unwrap();
    let staff = desk.user_create(&head, NewUserInput { username: STAFF.into(), display_name: "李明".into(), role: "staff".into(), password: "chushi123".into() }).unwrap();
    desk.login(STAFF, "chushi123").unwrap();
    desk.change_password("chushi123", STAFF_PASSWORD).unwrap();
    desk.session_logout().unwrap();
    let mut m = Model { accounts: [Account::default(), Account::default()], session: Session::None, staff_readonly: false };
    let mut written = 0i64;
    for (step, op) in ops.into_iter().enumerate() {
        let now = clock.now();
        match op {
            Op::Login { staff, correct } => {
                let (user, pw) = if staff { (STAFF, STAFF_PASSWORD) } else { (ADMIN, PASSWORD) };
                let got = code(desk.login(user, if correct { pw } else { "cuowu12345" }));
                m.session = Session::None;
                let want = m.authenticate(staff, correct, now);
                if want.is_none() {
                    m.session = Session::Active { staff, last: now };
                }
                prop_assert_eq!(got.as_deref(), want, "step {}: login", step);
            }
            Op::Advance { minutes } => clock.advance(Duration::minutes(minutes)),
            Op::Touch => {
                let got = code(desk.session_user());
                let want = m.session_user(now).err();
                prop_assert_eq!(got.as_deref(), want, "step {}: touch", step);
            }
            Op::Lock => {
                let got = code(desk.session_lock());
                let want = match m.session {
                    Session::None => Some("auth.required"),
                    Session::Active { staff, .. } | Session::Locked { staff } => {
                        m.session = Session::Locked { staff };
                        None
                    }
                };
                prop_assert_eq!(got.as_deref(), want, "step {}: lock", step);
            }
            Op::Unlock { correct } => {
                let want = match m.session.clone() {
                    Session::None => Some("auth.required"),
                    Session::Active { staff, .. } | Session::Locked { staff } => {
                        let r = m.authenticate(staff, correct, now);
                        if r.is_none() {
                            m.session = Session::Active { staff, last: now };
                        }
                        r
                    }
                };
                let pw = match &m.session {
                    Session::Active { staff: true, .. } | Session::Locked { staff: true } => STAFF_PASSWORD,
                    _ => PASSWORD,
                };
                let got = code(desk.session_unlock(if correct { pw } else { "cuowu12345" }));
                prop_assert_eq!(got.as_deref(), want, "step {}: unlock", step);
            }
            Op::Logout => {
                desk.session_logout().unwrap();
                m.session = Session::None;
            }
            Op::SetStaffRole { readonly } => {
                let role = if readonly { "readonly" } else { "staff" };
                desk.user_update(&head, &staff.id, UserUpdateInput { display_name: "李明".into(), role: role.into(), active: true }).unwrap();
                m.staff_readonly = readonly;
            }
            Op::Write => {
                let want = match m.session_user(now) {
                    Err(c) => Some(c),
                    Ok(true) if m.staff_readonly => Some("auth.forbidden"),
                    Ok(_) => None,
                };
                let got = match desk.session_user() {
                    Err(e) => Some(e.code()),
                    Ok(me) => code(desk.mediation_create(&me, case("2026-11-20", "张三", "李四", "情况"))),
                };
                if got.is_none() {
                    written += 1;
                }
                prop_assert_eq!(got.as_deref(), want, "step {}: write", step);
            }
        }
    }
    let cases: i64 = desk.store().conn().query_row("SELECT count(*) FROM mediation_case", [], |r| r.get(0)).unwrap();
    prop_assert_eq!(cases, written, "only writes made in an unlocked session exist");
    prop_assert!(desk.audit_check().unwrap().intact());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 200, ..ProptestConfig::default() })]
    #[test]
    fn lockout_and_idle_lock_hold_and_nothing_is_written_without_a_session(ops in prop::collection::vec(op(), 1..40)) {
        run(ops)?;
    }
}
