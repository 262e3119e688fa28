#![allow(dead_code)]
//! Drives the real application window: Xvfb (started here when there is no display),
//! one tauri-driver per application run, WebKitWebDriver behind it, fantoccini as the client.
//! A missing tool fails the test with a message naming it; nothing is skipped.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(20);

fn find_tool(name: &str, hint: &str) -> PathBuf {
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(Path::new(&home).join(".cargo/bin").join(name));
    }
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("end-to-end tests need `{name}`, which was not found: {hint} (scripts/setup.sh installs it)"))
}

/// Makes sure there is an X display: the one in DISPLAY, or an Xvfb started for this test
/// process, which a watcher stops when the process ends.
pub fn ensure_display() {
    static DISPLAY: OnceLock<String> = OnceLock::new();
    DISPLAY.get_or_init(|| {
        if let Some(d) = std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) {
            return d;
        }
        let xvfb = find_tool("Xvfb", "Debian package xvfb");
        let n = (90..200).find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists()).expect("a free X display number");
        let script = format!(
            "'{}' :{n} -screen 0 1366x800x24 -nolisten tcp >/dev/null 2>&1 & x=$!; \
             while kill -0 {parent} 2>/dev/null; do sleep 1; done; kill $x",
            xvfb.display(),
            parent = std::process::id()
        );
        // The watcher lives as long as the test process and stops Xvfb when it ends; nothing waits for it.
        #[allow(clippy::zombie_processes)]
        Command::new("sh").args(["-c", &script]).stdin(Stdio::null()).spawn().expect("start Xvfb");
        let socket = format!("/tmp/.X11-unix/X{n}");
        let start = Instant::now();
        while !Path::new(&socket).exists() {
            assert!(start.elapsed() < Duration::from_secs(15), "Xvfb did not start on :{n}");
            std::thread::sleep(Duration::from_millis(100));
        }
        let d = format!(":{n}");
        std::env::set_var("DISPLAY", &d);
        d
    });
}

/// Two distinct free ports (both listeners are held until both are known).
fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").unwrap();
    let b = TcpListener::bind("127.0.0.1:0").unwrap();
    (a.local_addr().unwrap().port(), b.local_addr().unwrap().port())
}

pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub struct App {
    pub client: Client,
    driver: Child,
    db: PathBuf,
}

/// Stops a tauri-driver with its process group (WebKitWebDriver and the application).
fn stop_driver(driver: &mut Child) {
    let group = format!("-{}", driver.id());
    let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
    let _ = driver.wait();
}

impl Drop for App {
    fn drop(&mut self) {
        stop_driver(&mut self.driver);
    }
}

/// Session attempts before a launch fails: now and then WebKitWebDriver drops the very first
/// request while it starts (hyper "IncompleteMessage"); a fresh driver then succeeds.
const LAUNCH_ATTEMPTS: u32 = 3;

impl App {
    /// Starts the application on `db` with "today" injected, and connects to its window.
    pub async fn launch(db: &Path, today: &str) -> App {
        App::launch_with_env(db, today, &[]).await
    }

    /// As `launch`, with environment variables for the application (tauri-driver and
    /// WebKitWebDriver pass their environment on to it).
    pub async fn launch_with_env(db: &Path, today: &str, env: &[(&str, &str)]) -> App {
        ensure_display();
        find_tool("WebKitWebDriver", "Debian package webkit2gtk-driver");
        let tauri_driver = find_tool("tauri-driver", "cargo install tauri-driver --locked");
        let mut attempt = 0;
        loop {
            attempt += 1;
            let (port, native_port) = free_ports();
            // Its own process group, so that WebKitWebDriver and the application go with it.
            let mut driver = Command::new(&tauri_driver)
                .process_group(0)
                .envs(env.iter().copied())
                .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start tauri-driver");
            let start = Instant::now();
            while TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(start.elapsed() < Duration::from_secs(20), "tauri-driver did not listen on {port}");
                std::thread::sleep(Duration::from_millis(100));
            }
            let mut caps = serde_json::Map::new();
            caps.insert(
                "tauri:options".into(),
                serde_json::json!({
                    "application": env!("CARGO_BIN_EXE_sifa-desk"),
                    "args": ["--db", db.to_str().unwrap(), "--today", today],
                }),
            );
            match ClientBuilder::rustls().expect("rustls client").capabilities(caps).connect(&format!("http://127.0.0.1:{port}")).await {
                Ok(client) => return App { client, driver, db: db.to_path_buf() },
                Err(e) => {
                    stop_driver(&mut driver);
                    assert!(attempt < LAUNCH_ATTEMPTS, "a WebDriver session with the application, after {attempt} attempts: {e}");
                    eprintln!("WebDriver session attempt {attempt} failed ({e}); starting a fresh driver");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    /// Closes the window (the application exits) and stops tauri-driver; returns once the
    /// application has let go of its database, so that the next launch on it is not refused as a
    /// second window (on a loaded machine the exit can take a while).
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
        let db = self.db.clone();
        // Drop stops the driver's process group.
        drop(self);
        wait_until_released(&db).await;
    }

    pub async fn find(&self, css: &str) -> Element {
        match self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
            Ok(el) => el,
            Err(e) => {
                self.screenshot("FAILED").await;
                panic!("element `{css}` did not appear: {e} (screen: target/e2e-screenshots/FAILED.png)")
            }
        }
    }

    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    pub async fn click(&self, css: &str) {
        let el = self.find(css).await;
        self.click_element(&el, css).await;
    }

    /// Clicks like a user; when WebKitWebDriver refuses (element moving or just scrolled), scrolls it
    /// into the middle of the window and clicks it from script.
    pub async fn click_element(&self, el: &Element, what: &str) {
        if el.click().await.is_ok() {
            return;
        }
        let arg = serde_json::to_value(el).unwrap();
        self.client
            .execute("arguments[0].scrollIntoView({ block: 'center' }); arguments[0].click();", vec![arg])
            .await
            .unwrap_or_else(|e| panic!("click `{what}`: {e}"));
    }

    /// Replaces the text of an input or textarea.
    pub async fn fill(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        // WebDriver's clear does not reach Vue's v-model; empty the field the way typing would.
        let arg = serde_json::to_value(&el).unwrap();
        self.client
            .execute(
                "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                vec![arg],
            )
            .await
            .unwrap();
        el.send_keys(text).await.unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    pub async fn value(&self, css: &str) -> String {
        self.find(css).await.prop("value").await.unwrap().unwrap_or_default()
    }

    /// Waits until the element's text contains `wanted`; returns the text.
    pub async fn wait_text(&self, css: &str, wanted: &str) -> String {
        let start = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    if t.contains(wanted) {
                        return t;
                    }
                    if start.elapsed() > WAIT {
                        self.screenshot("FAILED").await;
                        panic!("`{css}` shows “{t}”, not “{wanted}” (screen: target/e2e-screenshots/FAILED.png)");
                    }
                }
            }
            if start.elapsed() > WAIT {
                self.screenshot("FAILED").await;
                panic!("`{css}` never showed “{wanted}” (screen: target/e2e-screenshots/FAILED.png)");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Waits until the element's whole text is `wanted` (a count of "1" must not pass on "10").
    pub async fn wait_text_exact(&self, css: &str, wanted: &str) {
        let start = Instant::now();
        loop {
            let now = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.ok().map(|t| t.trim().to_string()),
                Err(_) => None,
            };
            if now.as_deref() == Some(wanted) {
                return;
            }
            if start.elapsed() > WAIT {
                self.screenshot("FAILED").await;
                panic!("`{css}` shows {now:?}, not “{wanted}”");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// All texts of the elements matching `css`, once at least one is present.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        self.find(css).await;
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await.unwrap() {
            out.push(el.text().await.unwrap());
        }
        out
    }

    /// Scrolls the element into view at the top of its scrolling area (for a screenshot of it).
    pub async fn scroll_to(&self, css: &str) {
        let el = self.find(css).await;
        let arg = serde_json::to_value(&el).unwrap();
        self.client.execute("arguments[0].scrollIntoView({ block: 'start' });", vec![arg]).await.unwrap();
    }

    /// The text content of every element matching `css` (all of it: WebKitWebDriver's element
    /// text leaves out bare text in table cells).
    pub async fn text_contents(&self, css: &str) -> Vec<String> {
        let v = self
            .client
            .execute(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.replace(/\\s+/g, ' ').trim());",
                vec![serde_json::Value::String(css.into())],
            )
            .await
            .unwrap_or_else(|e| panic!("read `{css}`: {e}"));
        serde_json::from_value(v).unwrap_or_default()
    }

    /// Clicks the displayed element among those matching `css` (a closing dialog may linger in the
    /// page while the next one opens).
    pub async fn click_visible(&self, css: &str) {
        self.settle().await;
        let start = Instant::now();
        loop {
            for el in self.client.find_all(Locator::Css(css)).await.unwrap() {
                if el.is_displayed().await.unwrap_or(false) {
                    self.click_element(&el, css).await;
                    return;
                }
            }
            if start.elapsed() > WAIT {
                self.screenshot("FAILED").await;
                panic!("no displayed `{css}`");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Waits until no Vue transition (a dialog fading in or out) is running.
    pub async fn settle(&self) {
        let start = Instant::now();
        while self.exists("[class*='-enter-active'], [class*='-leave-active']").await && start.elapsed() < WAIT {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Picks an option of an Element Plus select by its visible label.
    pub async fn choose(&self, form_item_testid: &str, label: &str) {
        self.click(&format!("[data-testid=\"{form_item_testid}\"] .el-select__wrapper")).await;
        let xpath = format!("//li[contains(@class,'el-select-dropdown__item')][normalize-space(.)='{label}']");
        let start = Instant::now();
        loop {
            for el in self.client.find_all(Locator::XPath(&xpath)).await.unwrap() {
                if el.is_displayed().await.unwrap_or(false) {
                    self.click_element(&el, label).await;
                    return;
                }
            }
            assert!(start.elapsed() < WAIT, "option “{label}” of {form_item_testid} never appeared");
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    pub async fn screenshot(&self, name: &str) {
        // The window paints a moment after the page changes; let it catch up.
        self.settle().await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
    }

    /// Waits until the route (hash) contains `fragment`.
    pub async fn wait_route(&self, fragment: &str) {
        let start = Instant::now();
        loop {
            let url = self.client.current_url().await.unwrap();
            if url.as_str().contains(fragment) {
                return;
            }
            assert!(start.elapsed() < WAIT, "route never reached {fragment} (at {url})");
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }
}

// ── Shared by the end-to-end tests ──────────────────────────────────────────────────────────────

/// The business date most tests run on (a Friday).
pub const TODAY: &str = "2026-11-27";

/// Enter, as WebDriver spells it.
pub const ENTER: &str = "\u{E007}";

/// The input of the form item for `path` (`field-<path>`).
pub fn field(path: &str, control: &str) -> String {
    format!("[data-testid=\"field-{path}\"] {control}")
}

/// Logs in as admin with `password` from the login page.
pub async fn log_in(app: &App, password: &str) {
    app.find("[data-testid=\"login-page\"]").await;
    app.fill(&field("username", "input"), "admin").await;
    app.fill(&field("password", "input"), password).await;
    // A previous attempt may still be finishing; its button is busy until then.
    app.click("[data-testid=\"login-submit\"]:not(.is-loading)").await;
}

/// A set-up office database (administrator admin / mima2026), made through the core.
pub fn office_db(db: &std::path::Path) -> sifa::Desk {
    let input = sifa::office::SetupInput {
        office_code: "420202001".into(),
        office_name: "石港镇司法所".into(),
        short_name: "石".into(),
        district: "黄石港区".into(),
        mode: "township".into(),
        admin_username: "admin".into(),
        admin_display_name: "王所长".into(),
        admin_password: "mima2026".into(),
    };
    let clock = std::sync::Arc::new(sifa::clock::FixedClock::at_date(TODAY.parse().unwrap()));
    sifa::Desk::create(db, clock, input).unwrap().0
}

/// A case in mediation (王五 and 赵六, a boundary dispute), as several tests start from it.
pub fn boundary_dispute() -> sifa::mediation::MediationCaseInput {
    let mut c = sifa::mediation::MediationCaseInput {
        state: "mediating".into(),
        accepted_on: "2026-11-20".into(),
        dispute_type: "housing_land".into(),
        summary: "王五与赵六因宅基地界址发生纠纷".into(),
        mediators: vec!["周建华".into()],
        rights_notice_on: Some("2026-11-20".into()),
        ..Default::default()
    };
    for (role, name) in [("applicant", "王五"), ("respondent", "赵六")] {
        c.parties.push(sifa::mediation::Party { role: role.into(), kind: "natural".into(), name: name.into(), ..Default::default() });
    }
    c
}

/// An office with the boundary dispute in mediation, opened in the window and logged in as admin.
pub async fn launch_with_boundary_dispute(db: &std::path::Path) -> App {
    {
        let mut desk = office_db(db);
        let admin = desk.login("admin", "mima2026").unwrap();
        desk.mediation_create(&admin, boundary_dispute()).unwrap();
    }
    let app = App::launch(db, TODAY).await;
    log_in(&app, "mima2026").await;
    app
}

/// Waits until no process holds the application's lock on `db` (`<db>.lock`, as the core takes it).
async fn wait_until_released(db: &Path) {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    let start = Instant::now();
    loop {
        let free = match std::fs::OpenOptions::new().read(true).write(true).open(&name) {
            Ok(f) => f.try_lock().is_ok(),
            // Never opened by the application (a refused file): nothing to wait for.
            Err(_) => true,
        };
        if free {
            return;
        }
        assert!(start.elapsed() < WAIT, "the application did not let go of {} within {WAIT:?}", db.display());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The database at `db` opened through the core once the application has let go of it.
pub async fn desk_when_released(db: &std::path::Path) -> sifa::Desk {
    let start = Instant::now();
    loop {
        match sifa::Desk::open(db, std::sync::Arc::new(sifa::clock::FixedClock::at_date(TODAY.parse().unwrap()))) {
            Ok(d) => return d,
            Err(e) if start.elapsed() < WAIT => {
                assert_eq!(e.code(), "store.already_open");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("{e}"),
        }
    }
}

/// Asks the application's window to close as its × button or Alt+F4 would: the window manager's
/// WM_DELETE_WINDOW message. Xvfb runs no window manager, so the message is sent from here.
pub fn ask_window_to_close() {
    use std::ffi::CString;
    use std::os::raw::{c_int, c_long, c_uchar, c_uint, c_ulong};
    use x11_dl::xlib;

    ensure_display();
    let x = xlib::Xlib::open().expect("libX11, to send the window its close request");
    // SAFETY: plain Xlib calls on a display opened here and closed at the end; every pointer Xlib
    // returns is checked and freed with XFree.
    unsafe {
        let dpy = (x.XOpenDisplay)(std::ptr::null());
        assert!(!dpy.is_null(), "open the X display {:?}", std::env::var("DISPLAY"));
        let atom = |name: &str| {
            let c = CString::new(name).unwrap();
            (x.XInternAtom)(dpy, c.as_ptr(), xlib::False)
        };
        let (net_wm_name, utf8, protocols, delete) = (atom("_NET_WM_NAME"), atom("UTF8_STRING"), atom("WM_PROTOCOLS"), atom("WM_DELETE_WINDOW"));
        let title_of = |w: xlib::Window| -> String {
            let (mut kind, mut format, mut items, mut after) = (0 as xlib::Atom, 0 as c_int, 0 as c_ulong, 0 as c_ulong);
            let mut data: *mut c_uchar = std::ptr::null_mut();
            let ok = (x.XGetWindowProperty)(dpy, w, net_wm_name, 0, 1024, xlib::False, utf8, &mut kind, &mut format, &mut items, &mut after, &mut data);
            if ok != 0 || data.is_null() {
                return String::new();
            }
            let title = String::from_utf8_lossy(std::slice::from_raw_parts(data, items as usize)).into_owned();
            (x.XFree)(data.cast());
            title
        };
        let root = (x.XDefaultRootWindow)(dpy);
        let (mut root_ret, mut parent_ret) = (0 as xlib::Window, 0 as xlib::Window);
        let mut children: *mut xlib::Window = std::ptr::null_mut();
        let mut count: c_uint = 0;
        (x.XQueryTree)(dpy, root, &mut root_ret, &mut parent_ret, &mut children, &mut count);
        let windows: Vec<xlib::Window> = if children.is_null() { Vec::new() } else { std::slice::from_raw_parts(children, count as usize).to_vec() };
        if !children.is_null() {
            (x.XFree)(children.cast());
        }
        let ours: Vec<xlib::Window> = windows.into_iter().filter(|&w| title_of(w) == "司法所工作台").collect();
        assert!(!ours.is_empty(), "no window titled 司法所工作台 on the display");
        for w in ours {
            let mut msg: xlib::XClientMessageEvent = std::mem::zeroed();
            msg.type_ = xlib::ClientMessage;
            msg.window = w;
            msg.message_type = protocols;
            msg.format = 32;
            msg.data.set_long(0, delete as c_long);
            msg.data.set_long(1, xlib::CurrentTime as c_long);
            let mut event = xlib::XEvent { client_message: msg };
            (x.XSendEvent)(dpy, w, xlib::False, xlib::NoEventMask, &mut event);
        }
        (x.XFlush)(dpy);
        (x.XCloseDisplay)(dpy);
    }
}

#[path = "../../../tests/common/small_disk.rs"]
mod small_disk;
// Only the tests that fill a disk use it.
#[allow(unused_imports)]
pub use small_disk::SmallDisk;
