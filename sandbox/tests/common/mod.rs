//! The test harness: a real sandbox over TLS on loopback, a client that
//! trusts only its certificate, and a check of every reply against the
//! contract (`docs/api/openapi.yaml`).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod contract;
pub mod device;

use std::sync::OnceLock;

use hamrah_sandbox::config::BankRules;
use hamrah_sandbox::seed::DemoCustomer;
use hamrah_sandbox::{Sandbox, SandboxOptions};
use reqwest::Method;
use serde_json::{Value, json};

pub use contract::Contract;

/// The contract, parsed once per test binary.
pub fn contract() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(Contract::load)
}

/// A reply: status, headers and JSON body (Null when empty).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub json: Value,
}

impl Reply {
    /// The error code of an error reply.
    pub fn code(&self) -> &str {
        self.json["code"].as_str().unwrap_or("")
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(self.status, status, "unexpected reply: {}", self.json);
        self
    }

    /// Asserts an error reply's status and code.
    #[track_caller]
    pub fn expect_error(self, status: u16, code: &str) -> Self {
        assert_eq!(
            (self.status, self.code()),
            (status, code),
            "unexpected reply: {}",
            self.json
        );
        assert!(!self.json["message_fa"].as_str().unwrap_or("").is_empty());
        assert!(!self.json["message_en"].as_str().unwrap_or("").is_empty());
        self
    }
}

/// A logged-in customer: the bearer token and the device it is bound to.
#[derive(Debug, Clone)]
pub struct Customer {
    pub token: String,
    pub device_id: String,
    pub demo: DemoCustomer,
    /// The device's enrolled key, when it has one: its calls are then signed.
    pub signing: Option<p256::ecdsa::SigningKey>,
}

/// A sandbox bank for one test.
pub struct Bank {
    pub sandbox: Option<Sandbox>,
    pub dir: tempfile::TempDir,
    pub client: reqwest::Client,
    pub url: String,
    pub admin_token: String,
    rules: BankRules,
}

/// The rules tests run with: the defaults, without the per-address rate
/// limit (every test client is 127.0.0.1).
pub fn test_rules() -> BankRules {
    let mut rules = BankRules::default();
    rules.request.rate_limit_per_minute = 0;
    rules
}

impl Bank {
    /// A demo bank with [`test_rules`].
    pub async fn start() -> Self {
        Self::start_with(test_rules()).await
    }

    /// A demo bank with the given rules.
    pub async fn start_with(rules: BankRules) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = launch(dir.path(), &rules, None).await;
        let client = client_for(&sandbox);
        Self {
            url: sandbox.url.clone(),
            admin_token: sandbox.admin_token.clone(),
            sandbox: Some(sandbox),
            dir,
            client,
            rules,
        }
    }

    /// Stops the bank and starts it again on the same data directory and address.
    pub async fn restart(&mut self) {
        let old = self.sandbox.take().unwrap();
        let addr = old.addr;
        old.stop().await;
        let sandbox = launch(self.dir.path(), &self.rules, Some(addr)).await;
        self.client = client_for(&sandbox);
        self.url = sandbox.url.clone();
        self.admin_token = sandbox.admin_token.clone();
        self.sandbox = Some(sandbox);
    }

    /// The running sandbox.
    pub fn sandbox(&self) -> &Sandbox {
        self.sandbox.as_ref().unwrap()
    }

    /// The demo customer with this username, or the one not yet activated for `None`.
    pub fn demo(&self, username: Option<&str>) -> DemoCustomer {
        self.sandbox()
            .demo_customers
            .iter()
            .find(|c| c.username.as_deref() == username)
            .cloned()
            .unwrap()
    }

    /// Sends a request and checks the reply against the contract.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> Reply {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.url));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap()
        };
        contract().check_reply(method.as_str(), path, status, &json);
        Reply {
            status,
            headers,
            json,
        }
    }

    /// A customer's call: bearer token and device id added, signed at the
    /// bank's time when the device is enrolled.
    pub async fn as_customer(
        &self,
        customer: &Customer,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Reply {
        self.customer_call(customer, method, path, None, body).await
    }

    /// A customer's money-moving call with its idempotency key.
    pub async fn as_customer_once(
        &self,
        customer: &Customer,
        method: Method,
        path: &str,
        key: &str,
        body: Value,
    ) -> Reply {
        self.customer_call(customer, method, path, Some(key), Some(body))
            .await
    }

    async fn customer_call(
        &self,
        customer: &Customer,
        method: Method,
        path: &str,
        idempotency_key: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut headers = vec![
            ("authorization", format!("Bearer {}", customer.token)),
            ("x-device-id", customer.device_id.clone()),
        ];
        if let Some(key) = idempotency_key {
            headers.push(("idempotency-key", key.to_owned()));
        }
        if let Some(signing) = &customer.signing {
            let now = self.sandbox().state().clock.now();
            headers.extend(device::signature_headers(
                signing,
                now,
                &method,
                path,
                body.as_ref(),
                idempotency_key,
            ));
        }
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        self.call(method, path, &headers, body).await
    }

    /// The second factor of a payment from an account: the dynamic PIN the
    /// bank sent to the customer's mobile for the payment `key` of `amount` to
    /// `payee` (a contract `Payee`), as `{"pin", "pin_kind"}`.
    pub async fn account_pin(
        &self,
        customer: &Customer,
        key: &str,
        account_id: &str,
        amount: i64,
        payee: Value,
    ) -> Value {
        let asked = self
            .try_account_pin(customer, key, account_id, amount, payee)
            .await;
        asked.unwrap_or_else(|reply| panic!("no PIN: {}", reply.json))
    }

    /// [`Bank::account_pin`], or the refusal of the PIN request (an order
    /// the bank will refuse anyway: an unknown account, a broken SHEBA).
    pub async fn try_account_pin(
        &self,
        customer: &Customer,
        key: &str,
        account_id: &str,
        amount: i64,
        payee: Value,
    ) -> Result<Value, Reply> {
        let reply = self
            .as_customer(
                customer,
                Method::POST,
                "/v1/dynamic-pins",
                Some(
                    json!({"idempotency_key": key, "source": {"account_id": account_id},
                            "amount_rials": amount, "payee": payee}),
                ),
            )
            .await;
        if reply.status != 201 {
            return Err(reply);
        }
        let pin = self.last_otp(&customer.demo.mobile).await;
        Ok(json!({"pin": pin, "pin_kind": "sms"}))
    }

    /// An admin call.
    pub async fn admin(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let token = self.admin_token.clone();
        self.call(method, path, &[("x-admin-token", &token)], body)
            .await
    }

    /// The last SMS code sent to a mobile number, read from the bank's outbox.
    pub async fn last_otp(&self, mobile: &str) -> String {
        let reply = self
            .admin(Method::GET, &format!("/admin/sms/{mobile}"), None)
            .await
            .expect(200);
        reply.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find_map(|m| m["otp"].as_str())
            .expect("an SMS with a code")
            .to_owned()
    }

    /// Logs a demo customer in from a new device (password, then the SMS code).
    pub async fn login(&self, username: &str) -> Customer {
        self.login_on(username, &uuid::Uuid::new_v4().to_string())
            .await
    }

    /// Logs a demo customer in on `device_id` (password, then the SMS code
    /// when the bank asks for one).
    pub async fn login_on(&self, username: &str, device_id: &str) -> Customer {
        let demo = self.demo(Some(username));
        let body =
            serde_json::json!({"username": username, "password": demo.password.clone().unwrap()});
        let reply = self
            .call(
                Method::POST,
                "/v1/sessions",
                &[("x-device-id", device_id)],
                Some(body),
            )
            .await
            .expect(200);
        let token = match reply.json["state"].as_str() {
            Some("authenticated") => reply.json["session"]["token"].as_str().unwrap().to_owned(),
            Some("otp_required") => {
                let challenge = reply.json["challenge_id"].as_str().unwrap().to_owned();
                let code = self.last_otp(&demo.mobile).await;
                let verified = self
                    .call(
                        Method::POST,
                        &format!("/v1/sessions/challenges/{challenge}/verify"),
                        &[("x-device-id", device_id)],
                        Some(serde_json::json!({"code": code})),
                    )
                    .await
                    .expect(200);
                verified.json["session"]["token"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            }
            other => panic!("unexpected login state {other:?}: {}", reply.json),
        };
        Customer {
            token,
            device_id: device_id.to_owned(),
            demo,
            signing: None,
        }
    }

    /// Asserts the ledger invariants: postings sum to zero per entry and in
    /// all, and every balance equals the sum of its postings.
    pub async fn assert_ledger(&self) {
        let check = self
            .sandbox()
            .state()
            .db
            .read(hamrah_sandbox::ledger::check)
            .await
            .unwrap();
        assert!(check.ok, "ledger invariant broken: {check:?}");
    }

    /// Checks the ledger and stops the bank: every test ends with this.
    pub async fn finish(mut self) {
        self.assert_ledger().await;
        if let Some(sandbox) = self.sandbox.take() {
            sandbox.stop().await;
        }
    }
}

async fn launch(
    dir: &std::path::Path,
    rules: &BankRules,
    addr: Option<std::net::SocketAddr>,
) -> Sandbox {
    let mut options = SandboxOptions::demo(dir);
    options.rules = rules.clone();
    if let Some(addr) = addr {
        options.addr = addr;
    }
    Sandbox::start(options).await.unwrap()
}

fn client_for(sandbox: &Sandbox) -> reqwest::Client {
    let cert = reqwest::Certificate::from_pem(sandbox.cert_pem.as_bytes()).unwrap();
    reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(cert)
        .build()
        .unwrap()
}
