//! Spark Connect's connection string, `sc://host:port/;token=…;use_ssl=…;user_id=…;
//! session_id=<uuid>;user_agent=…`, read by PySpark's `DefaultChannelBuilder` rules: the
//! scheme must be `sc`, the path empty, each parameter `key=value`; the port defaults to
//! 15002; a token implies TLS except to localhost.
use std::collections::BTreeMap;

/// The default Spark Connect port.
pub const DEFAULT_PORT: u16 = 15002;

/// Why a connection string was refused: Spark's condition and its `detail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlError {
    pub condition: &'static str,
    pub parameters: Vec<(&'static str, String)>,
    pub message: String,
}

fn invalid(detail: String) -> UrlError {
    UrlError { condition: "INVALID_CONNECT_URL", message: format!("Invalid URL for Spark Connect: {detail}"), parameters: vec![("detail", detail)] }
}

/// A parsed connection string.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectUrl {
    pub host: String,
    pub port: u16,
    params: BTreeMap<String, String>,
}

impl std::fmt::Debug for ConnectUrl {
    /// Never shows the token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ConnectUrl({})", self.redacted())
    }
}

impl ConnectUrl {
    /// Parses `url` (PySpark's `DefaultChannelBuilder.__init__` and `_extract_attributes`).
    pub fn parse(url: &str) -> Result<ConnectUrl, UrlError> {
        let Some(rest) = url.strip_prefix("sc://") else {
            return Err(invalid("The URL must start with 'sc://'. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.".into()));
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (netloc, tail) = rest.split_at(end);
        let tail = tail.split(['?', '#']).next().unwrap_or("");
        // Python's urlparse takes `;params` off the path's last segment.
        let (path, params) = match tail.rfind('/') {
            Some(slash) => match tail[slash..].find(';') {
                Some(semi) => (&tail[..slash + semi], &tail[slash + semi + 1..]),
                None => (tail, ""),
            },
            None => (tail, ""),
        };
        if !path.is_empty() && path != "/" {
            return Err(invalid(format!("The path component '{path}' must be empty. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.")));
        }
        let mut values = BTreeMap::new();
        if !params.is_empty() {
            for part in params.split(';') {
                let kv: Vec<&str> = part.split('=').collect();
                if kv.len() != 2 {
                    return Err(invalid(format!(
                        "Parameter '{part}' should be provided as a key-value pair separated by an equal sign (=). Please update the parameter to follow the correct format, e.g., 'key=value'."
                    )));
                }
                values.insert(kv[0].to_string(), percent_decode(kv[1]));
            }
        }
        let hostport = netloc.rsplit('@').next().unwrap_or("");
        let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
            let close = inner.find(']').unwrap_or(inner.len());
            (format!("[{}]", &inner[..close]), inner.get(close + 1..).and_then(|p| p.strip_prefix(':')))
        } else {
            match hostport.split_once(':') {
                Some((host, port)) => (host.to_lowercase(), Some(port)),
                None => (hostport.to_lowercase(), None),
            }
        };
        if host.is_empty() || host == "[]" {
            return Err(invalid(format!("Hostname is missing in the URL: 'http{}'. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.", &url[2..])));
        }
        let port = match port {
            None | Some("") => DEFAULT_PORT,
            Some(port) => port.parse::<u16>().map_err(|_| invalid(format!("Port could not be cast to integer value as '{port}'")))?,
        };
        let parsed = ConnectUrl { host, port, params: values };
        parsed.session_id()?;
        Ok(parsed)
    }

    /// `host:port`.
    pub fn endpoint(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The bearer token: the `token` parameter, else `SPARK_CONNECT_AUTHENTICATE_TOKEN`.
    pub fn token(&self) -> Option<String> {
        self.params.get("token").cloned().or_else(|| std::env::var("SPARK_CONNECT_AUTHENTICATE_TOKEN").ok())
    }

    /// Whether `use_ssl=true` was given.
    pub fn use_ssl(&self) -> bool {
        self.params.get("use_ssl").is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// Whether the channel uses TLS: with `use_ssl`, or with a token to any host but
    /// `localhost` (PySpark's `toChannel`: a token to localhost goes over local credentials).
    pub fn tls(&self) -> bool {
        self.use_ssl() || (self.token().is_some() && self.host != "localhost")
    }

    /// The user id: the `user_id` parameter, else `$USER`.
    pub fn user_id(&self) -> String {
        self.params.get("user_id").cloned().or_else(|| std::env::var("USER").ok()).unwrap_or_default()
    }

    /// The session id given in the URL, which must be a version-4 UUID
    /// (`INVALID_SESSION_UUID_ID`).
    pub fn session_id(&self) -> Result<Option<String>, UrlError> {
        let Some(id) = self.params.get("session_id") else { return Ok(None) };
        if !is_uuid(id) {
            let origin = "badly formed hexadecimal UUID string".to_string();
            return Err(UrlError { condition: "INVALID_SESSION_UUID_ID", message: format!("Parameter value session_id must be a valid UUID format: {origin}"), parameters: vec![("arg_name", "session_id".into()), ("origin", origin)] });
        }
        Ok(Some(id.to_lowercase()))
    }

    /// The user agent: the `user_agent` parameter, else `SPARK_CONNECT_USER_AGENT`, else
    /// `_SPARK_CONNECT_PYTHON`, followed by Ember's versions.
    pub fn user_agent(&self) -> String {
        let agent = self.params.get("user_agent").cloned().or_else(|| std::env::var("SPARK_CONNECT_USER_AGENT").ok()).unwrap_or_else(|| "_SPARK_CONNECT_PYTHON".into());
        format!("{agent} spark/{} os/linux ember/{}", crate::spark::SPARK_VERSION, env!("CARGO_PKG_VERSION"))
    }

    /// The connection string without its token, for messages and `repr`.
    pub fn redacted(&self) -> String {
        let params: Vec<String> = self.params.iter().map(|(k, v)| if k == "token" { format!("{k}=***") } else { format!("{k}={v}") }).collect();
        if params.is_empty() {
            format!("sc://{}", self.endpoint())
        } else {
            format!("sc://{}/;{}", self.endpoint(), params.join(";"))
        }
    }
}

/// Whether `text` is a UUID: 32 hex digits, plain or in the 8-4-4-4-12 groups.
fn is_uuid(text: &str) -> bool {
    let hex = |part: &str, len: usize| part.len() == len && part.chars().all(|c| c.is_ascii_hexdigit());
    let groups: Vec<&str> = text.split('-').collect();
    match groups.as_slice() {
        [plain] => hex(plain, 32),
        [a, b, c, d, e] => hex(a, 8) && hex(b, 4) && hex(c, 4) && hex(d, 4) && hex(e, 12),
        _ => false,
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(value) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_host_port_and_parameters() {
        let url = ConnectUrl::parse("sc://example.com:443/;token=abc;use_ssl=true;user_id=ann;user_agent=my%20app").unwrap();
        assert_eq!(url.endpoint(), "example.com:443");
        assert_eq!(url.token().as_deref(), Some("abc"));
        assert!(url.use_ssl() && url.tls());
        assert_eq!(url.user_id(), "ann");
        assert!(url.user_agent().starts_with("my app spark/"));
        assert_eq!(url.redacted(), "sc://example.com:443/;token=***;use_ssl=true;user_agent=my app;user_id=ann");
        assert!(!format!("{url:?}").contains("abc"));
        assert_eq!(ConnectUrl::parse("sc://localhost").unwrap().endpoint(), "localhost:15002");
    }

    #[test]
    fn a_token_implies_tls_except_to_localhost() {
        assert!(ConnectUrl::parse("sc://spark.example.com/;token=t").unwrap().tls());
        assert!(!ConnectUrl::parse("sc://localhost/;token=t").unwrap().tls());
        assert!(!ConnectUrl::parse("sc://spark.example.com").unwrap().tls());
    }

    #[test]
    fn refuses_other_schemes_paths_and_malformed_parameters() {
        let detail = |url: &str| ConnectUrl::parse(url).unwrap_err().parameters[0].1.clone();
        assert!(detail("http://localhost:15002").starts_with("The URL must start with 'sc://'."));
        assert!(detail("sc://localhost:15002/path").starts_with("The path component '/path' must be empty."));
        assert!(detail("sc://localhost/;token").starts_with("Parameter 'token' should be provided as a key-value pair"));
        assert!(detail("sc://:15002").starts_with("Hostname is missing in the URL: 'http://:15002'."));
        let bad_session = ConnectUrl::parse("sc://localhost/;session_id=not-a-uuid").unwrap_err();
        assert_eq!(bad_session.condition, "INVALID_SESSION_UUID_ID");
        assert!(ConnectUrl::parse("sc://localhost/;session_id=2a8e7c4e-4b3a-4c1e-9f5e-0123456789ab").unwrap().session_id().unwrap().is_some());
    }
}
