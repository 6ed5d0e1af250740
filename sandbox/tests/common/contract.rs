//! `docs/api/openapi.yaml` as a test oracle: every reply must match the
//! schema the contract gives for its operation and status.

use serde_json::{Value, json};

/// The parsed contract.
pub struct Contract {
    pub doc: Value,
}

impl Contract {
    /// Reads the contract from the repository.
    pub fn load() -> Self {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/api/openapi.yaml");
        let text = std::fs::read_to_string(path).unwrap();
        let doc: Value = serde_norway::from_str(&text).unwrap();
        Self { doc }
    }

    /// Every operation: (operationId, METHOD, path template).
    pub fn operations(&self) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        for (path, item) in self.doc["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                if let Some(id) = operation["operationId"].as_str() {
                    out.push((id.to_owned(), method.to_uppercase(), path.clone()));
                }
            }
        }
        out
    }

    /// The path template a concrete path matches.
    pub fn template_of(&self, method: &str, path: &str) -> Option<(String, Value)> {
        let path = path.split('?').next().unwrap_or(path);
        let segments: Vec<&str> = path.split('/').collect();
        for (template, item) in self.doc["paths"].as_object().unwrap() {
            let parts: Vec<&str> = template.split('/').collect();
            let matches = parts.len() == segments.len()
                && parts
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| t.starts_with('{') || t == s);
            if let Some(operation) = item.get(method.to_lowercase()).filter(|_| matches) {
                return Some((template.clone(), operation.clone()));
            }
        }
        None
    }

    /// Follows a local `$ref`.
    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.doc.pointer(reference.trim_start_matches('#')).unwrap(),
            None => value,
        }
    }

    /// Panics unless the reply is documented for this operation and status and
    /// its body validates against the schema.
    pub fn check_reply(&self, method: &str, path: &str, status: u16, body: &Value) {
        let Some((template, operation)) = self.template_of(method, path) else {
            // An undocumented route must answer 404/405 in the error model.
            assert!(
                matches!(status, 404 | 405),
                "{method} {path} is not in the contract but answered {status}"
            );
            self.validate(
                &json!({"$ref": "#/components/schemas/Error"}),
                body,
                method,
                path,
                status,
            );
            return;
        };
        let responses = &operation["responses"];
        let response = responses
            .get(status.to_string())
            .or_else(|| responses.get("default"))
            .unwrap_or_else(|| panic!("{method} {template}: status {status} not in the contract"));
        let response = self.resolve(response);
        match response.pointer("/content/application~1json/schema") {
            Some(schema) => self.validate(schema, body, method, path, status),
            None => assert!(
                body.is_null(),
                "{method} {template} {status}: the contract has no body, got {body}"
            ),
        }
    }

    fn validate(&self, schema: &Value, body: &Value, method: &str, path: &str, status: u16) {
        let mut root = json!({"allOf": [schema]});
        root["components"] = self.doc["components"].clone();
        let validator = jsonschema::draft202012::new(&root).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(body)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "{method} {path} {status}: reply breaks the contract: {errors:?}\n{body}"
        );
    }
}
