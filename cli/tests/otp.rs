//! `hamrah otp` answers every test vector of RFC 4226, RFC 6238 and RFC 6287's
//! appendices, and refuses bad input with a coded error (exit 1) or a usage error (exit 2).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use assert_cmd::Command;
use serde_json::Value;

const KEY20: &str = "3132333435363738393031323334353637383930";
const KEY32: &str = "3132333435363738393031323334353637383930313233343536373839303132";
const KEY64: &str = "31323334353637383930313233343536373839303132333435363738393031323334353637383930313233343536373839303132333435363738393031323334";
const T_132D0B6: u64 = 0x132d0b6 * 60;

/// Runs `hamrah --json otp ARGS` and returns the exit code and the JSON.
fn run(args: &[&str]) -> (i32, Value) {
    let output = Command::cargo_bin("hamrah")
        .unwrap()
        .arg("--json")
        .arg("otp")
        .args(args)
        .output()
        .unwrap();
    let code = output.status.code().unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (code, json)
}

fn otp(args: &[&str]) -> String {
    let (code, json) = run(args);
    assert_eq!(code, 0, "{args:?} {json}");
    json["otp"].as_str().unwrap().to_owned()
}

#[test]
fn rfc4226_appendix_d() {
    let expected = [
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
        "520489",
    ];
    for (counter, code) in expected.iter().enumerate() {
        let counter = counter.to_string();
        assert_eq!(
            otp(&["hotp", "--secret-hex", KEY20, "--counter", &counter]),
            *code
        );
    }
}

#[test]
fn rfc6238_appendix_b() {
    let rows = [
        (59, "94287082", "46119246", "90693936"),
        (1111111109, "07081804", "68084774", "25091201"),
        (1111111111, "14050471", "67062674", "99943326"),
        (1234567890, "89005924", "91819424", "93441116"),
        (2000000000, "69279037", "90698825", "38618901"),
        (20000000000u64, "65353130", "77737706", "47863826"),
    ];
    for (time, sha1, sha256, sha512) in rows {
        let time = time.to_string();
        for (key, algorithm, code) in [
            (KEY20, "sha1", sha1),
            (KEY32, "sha256", sha256),
            (KEY64, "sha512", sha512),
        ] {
            let args = [
                "totp",
                "--key-hex",
                key,
                "--time",
                &time,
                "--digits",
                "8",
                "--algorithm",
                algorithm,
                "--period",
                "30",
            ];
            assert_eq!(otp(&args), code, "{time} {algorithm}");
        }
    }
    let (_, json) = run(&["totp", "--secret-hex", KEY20, "--time", "59", "-d", "8"]);
    assert_eq!(json["seconds_left"], 1);
}

#[test]
fn codes_from_an_otpauth_uri() {
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // the RFCs' key "12345678901234567890"
    let totp = format!("otpauth://totp/QA:test?secret={secret}&digits=8&algorithm=SHA1&period=30");
    assert_eq!(otp(&["uri", &totp, "--time", "59"]), "94287082");
    let hotp = format!("otpauth://hotp/QA:test?secret={secret}&counter=9");
    let (status, json) = run(&["uri", &hotp]);
    assert_eq!((status, json["otp"].as_str()), (0, Some("520489")));
    assert_eq!(json["counter"], 9);
    for (uri, code) in [
        ("otpauth://totp/QA:test?digits=8", "otp.secret"),
        ("https://example.invalid/?secret=GEZDGNBV", "otp.uri"),
    ] {
        let (status, json) = run(&["uri", uri]);
        assert_eq!(
            (status, json["error"]["code"].as_str()),
            (1, Some(code)),
            "{uri}"
        );
    }
}

fn ocra(suite: &str, key: &str, question: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "ocra",
        "--secret-hex",
        key,
        "--suite",
        suite,
        "--question",
        question,
    ];
    args.extend_from_slice(extra);
    otp(&args)
}

const Q: [&str; 10] = [
    "00000000", "11111111", "22222222", "33333333", "44444444", "55555555", "66666666", "77777777",
    "88888888", "99999999",
];

#[test]
fn rfc6287_c1_one_way() {
    let sha1 = [
        "237653", "243178", "653583", "740991", "608993", "388898", "816933", "224598", "750600",
        "294470",
    ];
    for (q, code) in Q.iter().zip(sha1) {
        assert_eq!(ocra("OCRA-1:HOTP-SHA1-6:QN08", KEY20, q, &[]), code);
    }
    let counter_pin = [
        "65347737", "86775851", "78192410", "71565254", "10104329", "65983500", "70069104",
        "91771096", "75011558", "08522129",
    ];
    for (c, code) in counter_pin.iter().enumerate() {
        let c = c.to_string();
        let extra = ["--counter", &c, "--pin", "1234"];
        assert_eq!(
            ocra(
                "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1",
                KEY32,
                "12345678",
                &extra
            ),
            *code
        );
    }
    let pin = ["83238735", "01501458", "17957585", "86776967", "86807031"];
    for (q, code) in Q.iter().zip(pin) {
        let extra = ["--pin", "1234"];
        assert_eq!(
            ocra("OCRA-1:HOTP-SHA256-8:QN08-PSHA1", KEY32, q, &extra),
            code
        );
    }
    let counter = [
        "07016083", "63947962", "70123924", "25341727", "33203315", "34205738", "44343969",
        "51946085", "20403879", "31409299",
    ];
    for (c, (q, code)) in Q.iter().zip(counter).enumerate() {
        let c = c.to_string();
        assert_eq!(
            ocra("OCRA-1:HOTP-SHA512-8:C-QN08", KEY64, q, &["-c", &c]),
            code
        );
    }
    let timed = ["95209754", "55907591", "22048402", "24218844", "36209546"];
    let t = T_132D0B6.to_string();
    for (q, code) in Q.iter().zip(timed) {
        let extra = ["--time", &t];
        assert_eq!(
            ocra("OCRA-1:HOTP-SHA512-8:QN08-T1M", KEY64, q, &extra),
            code
        );
    }
}

#[test]
fn rfc6287_c2_mutual() {
    let sha256 = [
        (
            "CLI22220SRV11110",
            "28247970",
            "SRV11110CLI22220",
            "15510767",
        ),
        (
            "CLI22221SRV11111",
            "01984843",
            "SRV11111CLI22221",
            "90175646",
        ),
        (
            "CLI22222SRV11112",
            "65387857",
            "SRV11112CLI22222",
            "33777207",
        ),
        (
            "CLI22223SRV11113",
            "03351211",
            "SRV11113CLI22223",
            "95285278",
        ),
        (
            "CLI22224SRV11114",
            "83412541",
            "SRV11114CLI22224",
            "28934924",
        ),
    ];
    for (sq, server, cq, client) in sha256 {
        assert_eq!(ocra("OCRA-1:HOTP-SHA256-8:QA08", KEY32, sq, &[]), server);
        assert_eq!(ocra("OCRA-1:HOTP-SHA256-8:QA08", KEY32, cq, &[]), client);
    }
    let sha512 = [
        (
            "CLI22220SRV11110",
            "79496648",
            "SRV11110CLI22220",
            "18806276",
        ),
        (
            "CLI22221SRV11111",
            "76831980",
            "SRV11111CLI22221",
            "70020315",
        ),
        (
            "CLI22222SRV11112",
            "12250499",
            "SRV11112CLI22222",
            "01600026",
        ),
        (
            "CLI22223SRV11113",
            "90856481",
            "SRV11113CLI22223",
            "18951020",
        ),
        (
            "CLI22224SRV11114",
            "12761449",
            "SRV11114CLI22224",
            "32528969",
        ),
    ];
    for (sq, server, cq, client) in sha512 {
        assert_eq!(ocra("OCRA-1:HOTP-SHA512-8:QA08", KEY64, sq, &[]), server);
        let extra = ["--pin", "1234"];
        assert_eq!(
            ocra("OCRA-1:HOTP-SHA512-8:QA08-PSHA1", KEY64, cq, &extra),
            client
        );
    }
}

#[test]
fn rfc6287_c3_plain_signature() {
    let sha256 = [
        ("SIG10000", "53095496"),
        ("SIG11000", "04110475"),
        ("SIG12000", "31331128"),
        ("SIG13000", "76028668"),
        ("SIG14000", "46554205"),
    ];
    for (q, code) in sha256 {
        assert_eq!(ocra("OCRA-1:HOTP-SHA256-8:QA08", KEY32, q, &[]), code);
    }
    let sha512 = [
        ("SIG1000000", "77537423"),
        ("SIG1100000", "31970405"),
        ("SIG1200000", "10235557"),
        ("SIG1300000", "95213541"),
        ("SIG1400000", "65360607"),
    ];
    let t = T_132D0B6.to_string();
    for (q, code) in sha512 {
        let extra = ["--time", &t];
        assert_eq!(
            ocra("OCRA-1:HOTP-SHA512-8:QA10-T1M", KEY64, q, &extra),
            code
        );
    }
}

#[test]
fn invalid_input_is_a_coded_error() {
    let cases: [(&[&str], &str); 7] = [
        (&["hotp", "--secret-hex", "xyz1"], "otp.secret"),
        (
            &["hotp", "--secret-hex", KEY20, "--digits", "5"],
            "otp.digits",
        ),
        (
            &["totp", "--secret-hex", KEY20, "--period", "0"],
            "otp.period",
        ),
        (
            &[
                "ocra",
                "--secret-hex",
                KEY20,
                "--suite",
                "OCRA-1:HOTP-MD5-6:QN08",
                "-q",
                "1",
            ],
            "otp.suite",
        ),
        (
            &[
                "ocra",
                "--secret-hex",
                KEY20,
                "--suite",
                "OCRA-1:HOTP-SHA1-6:QN08",
                "-q",
                "ab",
            ],
            "otp.question",
        ),
        (
            &[
                "ocra",
                "--secret-hex",
                KEY20,
                "--suite",
                "OCRA-1:HOTP-SHA1-6:C-QN08",
                "-q",
                "1",
            ],
            "otp.counter",
        ),
        (
            &[
                "ocra",
                "--secret-hex",
                KEY20,
                "--suite",
                "OCRA-1:HOTP-SHA1-6:QN08-PSHA1",
                "-q",
                "1",
            ],
            "otp.pin",
        ),
    ];
    for (args, error) in cases {
        let (code, json) = run(args);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(json["valid"], false);
        assert_eq!(json["error"]["code"], error, "{args:?}");
        assert!(!json["error"]["message_fa"].as_str().unwrap().is_empty());
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["hotp"][..],
        &["hotp", "--secret-hex", KEY20, "--counter", "minus-one"],
        &["hotp", "--secret-hex", KEY20, "--algorithm", "md5"],
        &["hotp", "--secret-hex", KEY20, "--secret-base32", "GEZDGNBV"],
        &["ocra", "--secret-hex", KEY20, "-q", "1"],
        &["steam", "--secret-hex", KEY20],
    ] {
        assert_eq!(run(args).0, 2, "{args:?}");
    }
}

#[test]
fn readable_output_and_base32_secret() {
    let output = Command::cargo_bin("hamrah")
        .unwrap()
        .args([
            "otp",
            "totp",
            "--secret-base32",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        ])
        .args(["--time", "59", "--digits", "8"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("94287082\n"), "{text}");
    assert!(text.contains("1 s left"));
}
