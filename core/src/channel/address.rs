//! The bank's address: an `https://` URL with a host, or no client at all
//! (MASVS-NETWORK-1: nothing, a password least of all, is sent in clear).

use super::SetupError;

/// The base URL requests are made under (no trailing `/`), when `text` is an
/// `https://` URL with a host and no user name or password in it.
pub(crate) fn https_base(text: &str) -> Result<String, SetupError> {
    let url = reqwest::Url::parse(text.trim()).map_err(|_| SetupError::InsecureUrl)?;
    let plain = url.scheme() == "https"
        && url.host_str().is_some_and(|host| !host.is_empty())
        && url.username().is_empty()
        && url.password().is_none();
    if !plain {
        return Err(SetupError::InsecureUrl);
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_with_a_host() {
        assert_eq!(
            https_base("https://bank.example/"),
            Ok("https://bank.example".to_owned())
        );
        assert_eq!(
            https_base("https://127.0.0.1:8443"),
            Ok("https://127.0.0.1:8443".to_owned())
        );
        for refused in [
            "http://bank.example",
            "HTTP://bank.example",
            "ws://bank.example",
            "file:///etc/passwd",
            "bank.example",
            "https://user:secret@bank.example",
            "",
        ] {
            assert_eq!(
                https_base(refused),
                Err(SetupError::InsecureUrl),
                "{refused}"
            );
        }
    }
}
