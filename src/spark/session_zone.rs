//! Spark's session time zone (`spark.sql.session.timeZone`, `SQLConf.sessionLocalTimeZone`):
//! the zone in which a TIMESTAMP (an instant) is shown, parsed from text without an
//! offset, split into fields, truncated and turned into a date.
//!
//! Zone ids are read as Java's `ZoneId.of(id, ZoneId.SHORT_IDS)` reads them, which is
//! what Spark's `DateTimeUtils.getZoneId` does: region ids (`America/Los_Angeles`),
//! offsets (`+08:00`, `-8`, `GMT+1`, `UTC-03:30`) and the short ids (`PST`, `CET`).
//!
//! The zone is one per process (Ember runs one embedded session), read when a plan runs,
//! as Spark Connect's server reads the conf when it analyses each plan it is sent.
use std::sync::{Arc, RwLock};

use chrono::{DateTime, NaiveDateTime, Offset, TimeZone};
use datafusion::arrow::array::timezone::Tz;
use datafusion::arrow::array::{ArrayRef, RecordBatch};
use datafusion::arrow::datatypes::{DataType, FieldRef, Schema};

/// The session zone: the id Spark reports (`current_timezone()`) and the zone it names.
#[derive(Debug, Clone)]
pub struct Zone {
    id: String,
    tz: Tz,
    /// The zone's name as an Arrow timestamp type carries it (IANA name or `+hh:mm`).
    arrow_name: Arc<str>,
    /// Whether the zone is UTC at every instant (no conversion is needed).
    utc: bool,
}

static CURRENT: RwLock<Option<Zone>> = RwLock::new(None);

/// Java's `ZoneId.SHORT_IDS`: the three-letter ids Spark accepts beside region ids.
const SHORT_IDS: &[(&str, &str)] = &[
    ("ACT", "Australia/Darwin"),
    ("AET", "Australia/Sydney"),
    ("AGT", "America/Argentina/Buenos_Aires"),
    ("ART", "Africa/Cairo"),
    ("AST", "America/Anchorage"),
    ("BET", "America/Sao_Paulo"),
    ("BST", "Asia/Dhaka"),
    ("CAT", "Africa/Harare"),
    ("CNT", "America/St_Johns"),
    ("CST", "America/Chicago"),
    ("CTT", "Asia/Shanghai"),
    ("EAT", "Africa/Addis_Ababa"),
    ("ECT", "Europe/Paris"),
    ("EST", "-05:00"),
    ("HST", "-10:00"),
    ("IET", "America/Indiana/Indianapolis"),
    ("IST", "Asia/Kolkata"),
    ("JST", "Asia/Tokyo"),
    ("MIT", "Pacific/Apia"),
    ("MST", "-07:00"),
    ("NET", "Asia/Yerevan"),
    ("NST", "Pacific/Auckland"),
    ("PLT", "Asia/Karachi"),
    ("PNT", "America/Phoenix"),
    ("PRT", "America/Puerto_Rico"),
    ("PST", "America/Los_Angeles"),
    ("SST", "Pacific/Guadalcanal"),
    ("VST", "Asia/Ho_Chi_Minh"),
];

/// An offset id's `+hh:mm` form: `+8`, `-08`, `+0830`, `+08:30`, `+08:30:00`.
fn offset_form(text: &str) -> Option<String> {
    let sign = match text.as_bytes().first()? {
        b'+' => '+',
        b'-' => '-',
        _ => return None,
    };
    let body = &text[1..];
    let digits: String = body.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes, seconds) = match digits.len() {
        1 | 2 => (digits.parse::<u32>().ok()?, 0, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?, 0),
        6 => (digits[..2].parse().ok()?, digits[2..4].parse().ok()?, digits[4..].parse().ok()?),
        _ => return None,
    };
    if hours > 18 || minutes > 59 || seconds != 0 {
        return None;
    }
    Some(format!("{sign}{hours:02}:{minutes:02}"))
}

/// The zone an id names, read as Java's `ZoneId.of(id, SHORT_IDS)`; None when Java
/// would refuse it.
pub fn parse(id: &str) -> Option<Tz> {
    arrow_form(id)?.parse().ok()
}

/// The id in the form Arrow's `Tz` reads: region ids as they are, offsets as `+hh:mm`,
/// short ids by Java's table, `UTC`/`GMT`/`UT` with or without an offset.
fn arrow_form(id: &str) -> Option<String> {
    let id = id.trim();
    if id.is_empty() {
        return None;
    }
    if let Some((_, target)) = SHORT_IDS.iter().find(|(short, _)| *short == id) {
        return Some(target.to_string());
    }
    if id == "Z" {
        return Some("+00:00".into());
    }
    if id.starts_with(['+', '-']) {
        return offset_form(id);
    }
    for prefix in ["UTC", "GMT", "UT"] {
        if let Some(rest) = id.strip_prefix(prefix) {
            if rest.is_empty() {
                return Some("UTC".into());
            }
            if rest.starts_with(['+', '-']) {
                return offset_form(rest);
            }
        }
    }
    let zone: chrono_tz::Tz = id.parse().ok()?;
    Some(zone.name().to_string())
}

impl Zone {
    /// The zone an id names (read as Java's `ZoneId.of(id, SHORT_IDS)`), None when Java
    /// would refuse it.
    pub fn named(id: &str) -> Option<Zone> {
        let arrow_name = arrow_form(id)?;
        let tz: Tz = arrow_name.parse().ok()?;
        let utc = arrow_name == "UTC" || arrow_name == "+00:00" || matches!(arrow_name.as_str(), "Etc/UTC" | "Etc/UCT" | "Etc/Universal" | "Etc/Zulu" | "UCT" | "Universal" | "Zulu" | "Etc/GMT" | "GMT" | "Etc/GMT0" | "Etc/GMT+0" | "Etc/GMT-0" | "GMT0" | "Etc/Greenwich" | "Greenwich");
        Some(Zone { id: id.trim().to_string(), tz, arrow_name: Arc::from(arrow_name.as_str()), utc })
    }

    /// The id as Spark reports it (`current_timezone()`, `spark.conf.get`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The zone's name in an Arrow timestamp type.
    pub fn arrow_name(&self) -> Arc<str> {
        self.arrow_name.clone()
    }

    /// Whether no conversion is needed: the zone is UTC at every instant.
    pub fn is_utc(&self) -> bool {
        self.utc
    }

    /// Seconds east of UTC at an instant (microseconds).
    pub fn offset_at(&self, instant: i64) -> i64 {
        if self.utc {
            return 0;
        }
        offset_seconds(&self.tz, instant)
    }

    /// The zone's short name at an instant, as Java's pattern letter `z` prints it
    /// (`PST`, `CEST`); an offset zone prints its offset, UTC prints `UTC`.
    pub fn short_name(&self, instant: i64) -> String {
        if self.utc {
            return "UTC".to_string();
        }
        match self.arrow_name.parse::<chrono_tz::Tz>() {
            Ok(tz) => match DateTime::from_timestamp(instant.div_euclid(1_000_000), 0) {
                Some(utc) => utc.with_timezone(&tz).format("%Z").to_string(),
                None => self.arrow_name.to_string(),
            },
            Err(_) => self.arrow_name.to_string(),
        }
    }

    /// The wall-clock time (microseconds since 1970-01-01 00:00 local) of an instant.
    pub fn to_local(&self, instant: i64) -> i64 {
        if self.utc {
            return instant;
        }
        local_micros(&self.tz, instant)
    }

    /// The instant of a wall-clock time, as Java's `ZonedDateTime.ofLocal` resolves it:
    /// in an overlap the earlier offset, in a gap the time moved later by the gap.
    pub fn to_instant(&self, local: i64) -> i64 {
        if self.utc {
            return local;
        }
        instant_micros(&self.tz, local)
    }
}

/// Seconds east of UTC of `tz` at `instant` (microseconds).
fn offset_seconds(tz: &Tz, instant: i64) -> i64 {
    let seconds = instant.div_euclid(1_000_000);
    match DateTime::from_timestamp(seconds, 0) {
        Some(utc) => i64::from(tz.offset_from_utc_datetime(&utc.naive_utc()).fix().local_minus_utc()),
        None => 0,
    }
}

/// The wall-clock microseconds in `tz` of an instant.
pub fn local_micros(tz: &Tz, instant: i64) -> i64 {
    instant + offset_seconds(tz, instant) * 1_000_000
}

/// The instant of wall-clock microseconds in `tz` (Java's resolution of overlaps and gaps).
pub fn instant_micros(tz: &Tz, local: i64) -> i64 {
    let seconds = local.div_euclid(1_000_000);
    let fraction = local.rem_euclid(1_000_000);
    let Some(naive) = DateTime::from_timestamp(seconds, 0).map(|t| t.naive_utc()) else {
        return local;
    };
    let resolved: Option<i64> = match tz.offset_from_local_datetime(&naive) {
        chrono::LocalResult::Single(offset) => Some(i64::from(offset.fix().local_minus_utc())),
        chrono::LocalResult::Ambiguous(earlier, later) => {
            let (a, b) = (i64::from(earlier.fix().local_minus_utc()), i64::from(later.fix().local_minus_utc()));
            // Java keeps the offset in force before the transition: the larger one.
            Some(a.max(b))
        }
        chrono::LocalResult::None => None,
    };
    let offset = resolved.unwrap_or_else(|| offset_before_gap(tz, &naive));
    (seconds - offset) * 1_000_000 + fraction
}

/// The offset in force just before a gap that `naive` falls in: the time read with it
/// lands after the gap, moved later by the gap's length.
fn offset_before_gap(tz: &Tz, naive: &NaiveDateTime) -> i64 {
    let probe = naive.and_utc().timestamp() - 86_400;
    offset_seconds(tz, probe * 1_000_000)
}

/// `data_type` with every instant type (a timestamp with a zone), nested ones too,
/// carrying `zone` instead.
fn zoned_type(data_type: &DataType, zone: &Arc<str>) -> DataType {
    let field = |f: &FieldRef| Arc::new(f.as_ref().clone().with_data_type(zoned_type(f.data_type(), zone)));
    match data_type {
        DataType::Timestamp(unit, Some(_)) => DataType::Timestamp(*unit, Some(zone.clone())),
        DataType::List(f) => DataType::List(field(f)),
        DataType::LargeList(f) => DataType::LargeList(field(f)),
        DataType::Map(f, sorted) => DataType::Map(field(f), *sorted),
        DataType::Struct(fields) => DataType::Struct(fields.iter().map(field).collect()),
        other => other.clone(),
    }
}

/// The array with its instants tagged with the session zone, so that
/// `value_text` shows them as Spark does; the values are unchanged.
pub fn zoned_array(array: &ArrayRef) -> ArrayRef {
    let zone = current();
    let target = zoned_type(array.data_type(), &zone.arrow_name());
    if &target == array.data_type() {
        return array.clone();
    }
    datafusion::arrow::compute::cast(array, &target).unwrap_or_else(|_| array.clone())
}

/// [`zoned_array`] over every column of a batch (what `show()` renders).
pub fn zoned_batch(batch: &RecordBatch) -> RecordBatch {
    let zone = current().arrow_name();
    let schema = batch.schema();
    if !schema.fields().iter().any(|f| &zoned_type(f.data_type(), &zone) != f.data_type()) {
        return batch.clone();
    }
    let columns: Vec<ArrayRef> = batch.columns().iter().map(zoned_array).collect();
    let fields: Vec<FieldRef> = schema.fields().iter().zip(&columns).map(|(f, c)| Arc::new(f.as_ref().clone().with_data_type(c.data_type().clone()))).collect();
    RecordBatch::try_new(Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone())), columns).unwrap_or_else(|_| batch.clone())
}

/// The machine's zone id, as the JVM reads it for Spark's default: `TZ`, then
/// `/etc/timezone`, then the target of `/etc/localtime`; `UTC` when none is readable.
pub fn machine_zone_id() -> String {
    let readable = |id: &str| Zone::named(id).map(|_| id.to_string());
    if let Some(id) = std::env::var("TZ").ok().map(|tz| tz.trim_start_matches(':').to_string()).and_then(|id| readable(&id)) {
        return id;
    }
    if let Some(id) = std::fs::read_to_string("/etc/timezone").ok().and_then(|text| readable(text.trim())) {
        return id;
    }
    if let Some(id) = std::fs::read_link("/etc/localtime").ok().and_then(|target| {
        let target = target.to_string_lossy().to_string();
        target.split_once("zoneinfo/").and_then(|(_, id)| readable(id))
    }) {
        return id;
    }
    "UTC".to_string()
}

/// The machine's zone (UTC when its id cannot be read).
fn machine_zone() -> Zone {
    Zone::named(&machine_zone_id()).unwrap_or_else(|| Zone::named("UTC").expect("UTC is a zone"))
}

/// The session zone now.
pub fn current() -> Zone {
    if let Ok(guard) = CURRENT.read() {
        if let Some(zone) = guard.as_ref() {
            return zone.clone();
        }
    }
    let zone = machine_zone();
    if let Ok(mut guard) = CURRENT.write() {
        *guard = Some(zone.clone());
    }
    zone
}

/// Sets the session zone (`None` restores the machine's). An id Java would refuse is an
/// error, and the zone in force is kept.
pub fn set(id: Option<&str>) -> Result<(), String> {
    let zone = match id {
        Some(id) => Zone::named(id).ok_or_else(|| id.to_string())?,
        None => machine_zone(),
    };
    if let Ok(mut guard) = CURRENT.write() {
        *guard = Some(zone);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_as_java_reads_them() {
        assert_eq!(arrow_form("PST").as_deref(), Some("America/Los_Angeles"));
        assert_eq!(arrow_form("GMT+1").as_deref(), Some("+01:00"));
        assert_eq!(arrow_form("+8").as_deref(), Some("+08:00"));
        assert_eq!(arrow_form("UTC-03:30").as_deref(), Some("-03:30"));
        assert_eq!(arrow_form("Etc/UTC").as_deref(), Some("Etc/UTC"));
        assert_eq!(arrow_form("Mars/Olympus"), None);
        assert_eq!(arrow_form("+19:00"), None);
    }

    #[test]
    fn wall_times_resolve_as_java_resolves_them() {
        let zone = Zone::named("America/Los_Angeles").unwrap();
        // 2024-03-10 01:30 is before the spring gap (PST, -08:00).
        let before_gap = 1_710_034_200_000_000; // 2024-03-10 01:30 as UTC wall micros
        assert_eq!(zone.to_instant(before_gap), 1_710_063_000_000_000);
        // 2024-11-03 01:30 is in the autumn overlap: the earlier offset (PDT, -07:00).
        let overlap = 1_730_597_400_000_000;
        assert_eq!(zone.to_instant(overlap), 1_730_622_600_000_000);
        // 2024-03-10 02:30 does not exist: read as 03:30 PDT (10:30 UTC).
        let gap = 1_710_037_800_000_000;
        assert_eq!(zone.to_instant(gap), 1_710_066_600_000_000);
        assert_eq!(zone.to_local(1_710_063_000_000_000), before_gap);
    }
}
