//! Template structs of the directory.

use askama::Template;

use super::db::{InstitutionRow, Named, RegionRow, SearchHit, UnitRow};
use crate::kit::labels::{level_label, unit_kind_label};
use crate::web::Ctx;

#[derive(Template)]
#[template(path = "directory/index.html")]
pub struct IndexPage {
    pub ctx: Ctx,
    pub provinces: Vec<RegionRow>,
}

#[derive(Template)]
#[template(path = "directory/region.html")]
pub struct RegionPage {
    pub ctx: Ctx,
    pub region: RegionRow,
    pub trail: Vec<RegionRow>,
    pub children: Vec<RegionRow>,
    pub units: Vec<Named>,
    pub institutions: Vec<Named>,
}

impl RegionPage {
    pub fn level(&self) -> &'static str {
        level_label(&self.region.level)
    }
    pub fn child_heading(&self) -> &'static str {
        match self.region.level.as_str() {
            "province" => "dir.regencies",
            "regency" => "dir.districts",
            _ => "dir.villages",
        }
    }
    /// Villages are leaves: they are listed, not linked.
    pub fn children_link(&self) -> bool {
        self.region.level != "district"
    }
    pub fn unit_kind(&self, kind: &str) -> &'static str {
        unit_kind_label(kind)
    }
}

#[derive(Template)]
#[template(path = "directory/search.html")]
pub struct SearchPage {
    pub ctx: Ctx,
    pub q: String,
    pub hits: Vec<SearchHit>,
    pub message: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "directory/unit.html")]
pub struct UnitPage {
    pub ctx: Ctx,
    pub unit: UnitRow,
    pub children: Vec<Named>,
    pub regions: Vec<RegionRow>,
}

impl UnitPage {
    pub fn kind(&self) -> &'static str {
        unit_kind_label(&self.unit.kind)
    }
    pub fn level(&self, level: &str) -> &'static str {
        level_label(level)
    }
}

#[derive(Template)]
#[template(path = "directory/institution.html")]
pub struct InstitutionPage {
    pub ctx: Ctx,
    pub institution: InstitutionRow,
    pub trail: Vec<RegionRow>,
}
