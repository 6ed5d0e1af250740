//! The branch directory: the bank's whole branch list, kept on the phone and
//! searched there, with no request per search: by city, name or code typed
//! any way (see [`search_key`]), and nearest to a location the shell gives
//! (great-circle distance).

use serde::{Deserialize, Serialize};

use super::cache::{self, Freshness, Loaded};
use super::display::{age_fa, distance_fa};
use super::error::InfoError;
use super::normalize::{collation_key, search_key};
use crate::client::{Branch, BranchList, InfoDocument};
use crate::digits::to_persian_digits;
use crate::flows::{Context, Problem};
use crate::store::StoreError;

/// The Earth's mean radius, metres.
const EARTH_RADIUS_M: f64 = 6_371_000.0;

/// One branch as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BranchView {
    /// The branch code.
    pub code: String,
    /// The code in Persian digits.
    pub code_fa: String,
    /// Name.
    pub name_fa: String,
    /// City.
    pub city_fa: String,
    /// Province.
    pub province_fa: String,
    /// Address.
    pub address_fa: String,
    /// Landline with its area code (for the dialer).
    pub phone: String,
    /// The same in Persian digits.
    pub phone_fa: String,
    /// Degrees north (for the map).
    pub latitude: f64,
    /// Degrees east.
    pub longitude: f64,
    /// Opening hours in Persian (`شنبه تا چهارشنبه ۰۷:۳۰ تا ۱۳:۳۰؛ پنجشنبه تعطیل`).
    pub hours_fa: String,
    /// Metres from the location asked about (nearest searches only).
    pub distance_m: Option<u32>,
    /// The same in Persian (`۱٫۲ کیلومتر`).
    pub distance_fa: Option<String>,
}

/// What the directory holds, for the screen's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryStatus {
    /// How many branches.
    pub count: u32,
    /// The cities, sorted.
    pub cities: Vec<String>,
    /// The list's version.
    pub version: String,
    /// How long ago the bank last sent or confirmed the list.
    pub age_fa: String,
    /// Where it came from.
    pub freshness: Freshness,
}

/// A branch with its search keys.
#[derive(Debug, Clone)]
struct Entry {
    branch: Branch,
    code: String,
    name: String,
    city: String,
    province: String,
    address: String,
    /// Sorts the name in the Persian alphabet's order.
    order: Vec<u32>,
}

/// The bank's branches, searchable on the phone.
#[derive(Debug, Clone)]
pub struct BranchDirectory {
    entries: Vec<Entry>,
    version: String,
    freshness: Freshness,
}

fn hours_fa(branch: &Branch) -> String {
    let hours = &branch.hours;
    let thursday = match &hours.thursday_closes {
        Some(closes) => format!("پنجشنبه {} تا {closes}", hours.opens),
        None => "پنجشنبه تعطیل".to_owned(),
    };
    to_persian_digits(&format!(
        "شنبه تا چهارشنبه {} تا {}؛ {thursday}",
        hours.opens, hours.closes
    ))
}

/// Metres between two points on the Earth (haversine).
fn distance_m(from: (f64, f64), to: (f64, f64)) -> f64 {
    let (lat1, lat2) = (from.0.to_radians(), to.0.to_radians());
    let (dlat, dlon) = ((to.0 - from.0).to_radians(), (to.1 - from.1).to_radians());
    let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

/// How well one query word matches a branch (lower is better), if at all.
fn word_rank(entry: &Entry, word: &str) -> Option<u32> {
    if entry.code == word {
        Some(0)
    } else if entry.city == word {
        Some(1)
    } else if entry.name.split(' ').any(|w| w.starts_with(word)) {
        Some(2)
    } else if entry.name.contains(word) {
        Some(3)
    } else if entry.city.contains(word) || entry.province.contains(word) {
        Some(4)
    } else if entry.address.contains(word) {
        Some(5)
    } else {
        None
    }
}

impl Entry {
    fn of(branch: Branch) -> Self {
        Self {
            code: search_key(&branch.code),
            name: search_key(&branch.name_fa),
            city: search_key(&branch.city_fa),
            province: search_key(&branch.province_fa),
            address: search_key(&branch.address_fa),
            order: collation_key(&branch.name_fa),
            branch,
        }
    }

    fn view(&self, distance: Option<f64>) -> BranchView {
        let b = &self.branch;
        let meters = distance.map(|d| d.round().clamp(0.0, f64::from(u32::MAX)) as u32);
        BranchView {
            code: b.code.clone(),
            code_fa: to_persian_digits(&b.code),
            name_fa: b.name_fa.clone(),
            city_fa: b.city_fa.clone(),
            province_fa: b.province_fa.clone(),
            address_fa: b.address_fa.clone(),
            phone: b.phone.clone(),
            phone_fa: to_persian_digits(&b.phone),
            latitude: b.latitude,
            longitude: b.longitude,
            hours_fa: hours_fa(b),
            distance_m: meters,
            distance_fa: meters.map(distance_fa),
        }
    }
}

impl BranchDirectory {
    /// The directory from the bank in one request (`branch_list`, conditional:
    /// usually 304), or the phone's copy when the bank cannot be reached.
    pub async fn load(ctx: &Context) -> Result<Self, Problem> {
        let loaded = cache::load(ctx, InfoDocument::Branches, |json| {
            BranchList::parse(json).is_some()
        })
        .await?;
        Self::of(loaded)
    }

    /// The phone's copy, with no request (`None` before the first fetch).
    pub fn cached(ctx: &Context) -> Result<Option<Self>, Problem> {
        cache::cached(ctx, InfoDocument::Branches)?
            .map(Self::of)
            .transpose()
    }

    fn of(loaded: Loaded) -> Result<Self, Problem> {
        let list =
            BranchList::parse(&loaded.json).ok_or_else(|| Problem::of(&StoreError::Format))?;
        Ok(Self::from_list(list, loaded.freshness))
    }

    /// A directory of `list` (the store's or the bank's).
    pub fn from_list(list: BranchList, freshness: Freshness) -> Self {
        Self {
            entries: list.items.into_iter().map(Entry::of).collect(),
            version: list.version,
            freshness,
        }
    }

    /// How many branches, which cities, how fresh; `now` is the bank's clock.
    pub fn status(&self, now: i64) -> DirectoryStatus {
        DirectoryStatus {
            count: u32::try_from(self.entries.len()).unwrap_or(u32::MAX),
            cities: self.cities(),
            version: self.version.clone(),
            age_fa: age_fa(u64::try_from(now - self.freshness.fetched_at).unwrap_or(0)),
            freshness: self.freshness.clone(),
        }
    }

    /// The cities with a branch, sorted, each once.
    pub fn cities(&self) -> Vec<String> {
        let mut cities: Vec<String> = self
            .entries
            .iter()
            .map(|e| e.branch.city_fa.clone())
            .collect();
        cities.sort_by_cached_key(|c| collation_key(c));
        cities.dedup();
        cities
    }

    /// Branches matching every word of `query` (a code, a city, words of a
    /// name or an address, typed any way), best first: the code, then the
    /// city, then names starting with it, names, provinces, addresses; by
    /// name within each. At most `limit`; none for an empty query.
    pub fn search(&self, query: &str, limit: usize) -> Vec<BranchView> {
        let key = search_key(query);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(u32, &Entry)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                words
                    .iter()
                    .map(|word| word_rank(entry, word))
                    .sum::<Option<u32>>()
                    .map(|rank| (rank, entry))
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.order.cmp(&b.1.order)));
        found
            .into_iter()
            .take(limit)
            .map(|(_, e)| e.view(None))
            .collect()
    }

    /// The `limit` branches nearest to a location (degrees north and east),
    /// nearest first, each with its distance.
    pub fn nearest(
        &self,
        latitude: f64,
        longitude: f64,
        limit: usize,
    ) -> Result<Vec<BranchView>, Problem> {
        let valid = latitude.is_finite()
            && longitude.is_finite()
            && (-90.0..=90.0).contains(&latitude)
            && (-180.0..=180.0).contains(&longitude);
        if !valid {
            return Err(Problem::from(InfoError::Location).at("location"));
        }
        let mut by_distance: Vec<(f64, &Entry)> = self
            .entries
            .iter()
            .map(|e| {
                let to = (e.branch.latitude, e.branch.longitude);
                (distance_m((latitude, longitude), to), e)
            })
            .collect();
        let limit = limit.min(by_distance.len());
        if limit == 0 {
            return Ok(Vec::new());
        }
        by_distance.select_nth_unstable_by(limit - 1, |a, b| a.0.total_cmp(&b.0));
        by_distance.truncate(limit);
        by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
        Ok(by_distance
            .into_iter()
            .map(|(d, e)| e.view(Some(d)))
            .collect())
    }

    /// One branch by its code (typed in any digits).
    pub fn by_code(&self, code: &str) -> Option<BranchView> {
        let key = search_key(code);
        self.entries
            .iter()
            .find(|e| e.code == key)
            .map(|e| e.view(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::BranchHours;

    fn branch(code: &str, name: &str, city: &str, at: (f64, f64)) -> Branch {
        Branch {
            code: code.to_owned(),
            name_fa: name.to_owned(),
            city_fa: city.to_owned(),
            province_fa: city.to_owned(),
            address_fa: format!("خیابان {name}"),
            phone: "02122712345".to_owned(),
            latitude: at.0,
            longitude: at.1,
            hours: BranchHours {
                opens: "07:30".to_owned(),
                closes: "13:30".to_owned(),
                thursday_closes: None,
            },
        }
    }

    fn directory() -> BranchDirectory {
        let list = BranchList {
            version: "v1".to_owned(),
            items: vec![
                branch("1012", "شعبه میدان تجریش", "تهران", (35.8045, 51.4337)),
                branch("1018", "شعبه میدان ونک", "تهران", (35.7575, 51.4100)),
                branch("6001", "شعبه عظیمیه", "کرج", (35.8330, 50.9800)),
                branch("2001", "شعبه مرکزی مشهد", "مشهد", (36.2880, 59.6150)),
            ],
        };
        BranchDirectory::from_list(
            list,
            Freshness {
                fetched_at: 0,
                offline: false,
                error: None,
            },
        )
    }

    #[test]
    fn search_by_city_name_or_code_typed_any_way() {
        let d = directory();
        let codes = |views: Vec<BranchView>| views.into_iter().map(|v| v.code).collect::<Vec<_>>();
        assert_eq!(codes(d.search("تهران", 10)), ["1012", "1018"]);
        assert_eq!(codes(d.search("تجريش", 10)), ["1012"]);
        assert_eq!(codes(d.search("كرج", 10)), ["6001"]);
        assert_eq!(codes(d.search("۶۰۰۱", 10)), ["6001"]);
        assert_eq!(codes(d.search("تهران ونک", 10)), ["1018"]);
        assert_eq!(codes(d.search("میدان", 1)), ["1012"]);
        assert!(d.search("  ", 10).is_empty());
        assert!(d.search("اصفهان", 10).is_empty());
        assert_eq!(
            d.by_code("١٠١٨").map(|v| v.name_fa),
            Some("شعبه میدان ونک".into())
        );
        let view = d.by_code("1012").unwrap();
        assert_eq!(
            view.hours_fa,
            "شنبه تا چهارشنبه ۰۷:۳۰ تا ۱۳:۳۰؛ پنجشنبه تعطیل"
        );
        assert_eq!(view.code_fa, "۱۰۱۲");
        assert_eq!(d.cities(), ["تهران", "کرج", "مشهد"]);
    }

    #[test]
    fn nearest_from_a_location() {
        let d = directory();
        // Tajrish square itself, then Vanak about 5.9 km away.
        let near = d.nearest(35.8045, 51.4337, 2).unwrap();
        assert_eq!(near[0].code, "1012");
        assert_eq!(near[0].distance_m, Some(0));
        assert_eq!(near[1].code, "1018");
        let vanak = near[1].distance_m.unwrap();
        assert!((5_500..6_500).contains(&vanak), "{vanak}");
        // From Mashhad, Mashhad first; more than there are gives all.
        assert_eq!(d.nearest(36.3, 59.6, 9).unwrap()[0].code, "2001");
        assert_eq!(d.nearest(36.3, 59.6, 9).unwrap().len(), 4);
        assert!(d.nearest(0.0, 0.0, 0).unwrap().is_empty());
        for (lat, lon) in [
            (91.0, 0.0),
            (0.0, 181.0),
            (f64::NAN, 0.0),
            (0.0, f64::INFINITY),
        ] {
            assert_eq!(
                d.nearest(lat, lon, 3).unwrap_err().code,
                "info.location_invalid"
            );
        }
    }
}
