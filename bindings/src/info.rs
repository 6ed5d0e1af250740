//! [`InfoClient`]: the bank's information (exchange rates, branches, deposit
//! products). Each screen is one request, or none with `offline_only` (the
//! light mode, or no network); branch searches run on the directory held in
//! memory, never a request.

use std::sync::{Arc, Mutex};

use hamrah_core::flows::info::{self, BranchDirectory};

use crate::error::HamrahError;
use crate::info_types::{Branch, BranchDirectoryInfo, DepositProductList, ExchangeRateBoard};
use crate::install::Install;
use crate::runtime::run;

/// The bank's public information.
#[derive(uniffi::Object)]
pub struct InfoClient {
    install: Arc<Install>,
    branches: Arc<Mutex<Option<BranchDirectory>>>,
}

impl InfoClient {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self {
            install,
            branches: Arc::new(Mutex::new(None)),
        })
    }

    fn directory<T>(&self, read: impl FnOnce(&BranchDirectory) -> T) -> Option<T> {
        let held = self.branches.lock().ok()?;
        held.as_ref().map(read)
    }
}

#[uniffi::export]
impl InfoClient {
    /// The exchange rates with the age of their quote; null with
    /// `offline_only` before they were ever fetched.
    pub async fn exchange_rates(
        &self,
        offline_only: bool,
    ) -> Result<Option<ExchangeRateBoard>, HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move {
            let view = info::exchange_rates(&install.ctx, offline_only).await?;
            Ok(view.map(Into::into))
        })
        .await
    }

    /// The deposit products and their rates; null with `offline_only`
    /// before they were ever fetched.
    pub async fn deposit_products(
        &self,
        offline_only: bool,
    ) -> Result<Option<DepositProductList>, HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move {
            let view = info::deposit_products(&install.ctx, offline_only).await?;
            Ok(view.map(Into::into))
        })
        .await
    }

    /// Loads the branch directory for the searches (from the bank, or with
    /// `offline_only` from the phone; null then before the first fetch).
    pub async fn load_branches(
        &self,
        offline_only: bool,
    ) -> Result<Option<BranchDirectoryInfo>, HamrahError> {
        let install = Arc::clone(&self.install);
        let slot = Arc::clone(&self.branches);
        run(async move {
            let directory = if offline_only {
                BranchDirectory::cached(&install.ctx)?
            } else {
                Some(BranchDirectory::load(&install.ctx).await?)
            };
            let Some(directory) = directory else {
                return Ok(None);
            };
            let status = directory.status(install.ctx.bank_now());
            if let Ok(mut held) = slot.lock() {
                *held = Some(directory);
            }
            Ok(Some(status.into()))
        })
        .await
    }

    /// Branches matching a city, name or code typed any way, best first (none
    /// before [`InfoClient::load_branches`]).
    pub fn search_branches(&self, query: String, limit: u32) -> Vec<Branch> {
        self.directory(|d| d.search(&query, limit as usize))
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect()
    }

    /// The branches nearest to a location the phone gives, nearest first.
    pub fn nearest_branches(
        &self,
        latitude: f64,
        longitude: f64,
        limit: u32,
    ) -> Result<Vec<Branch>, HamrahError> {
        let found = self
            .directory(|d| d.nearest(latitude, longitude, limit as usize))
            .unwrap_or_else(|| Ok(Vec::new()))?;
        Ok(found.into_iter().map(Into::into).collect())
    }
}
