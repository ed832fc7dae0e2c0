"""The outputs, in the order the build runs them. Adding an output is one module and one line here.

Each is an output.base.Output: Markdown sources for the theme engine, snippets for hand-written pages,
and files or themed pages written afterwards. The sitemap comes last: it lists every page written before it.
"""
from __future__ import annotations

from .base import Output
from .campaign_pages import CampaignPages
from .case_cards import CaseCards
from .changes_page import ChangesPage
from .data_page import DataPage
from .datapackage import DataPackage
from .downloads import Downloads
from .entity_pages import EntityPages
from .feeds import Feeds
from .guide_records import GuideRecords
from .list_pages import ListPages
from .record_pages import RecordPages
from .search import SearchIndex
from .sitemap import Sitemap
from .supplier_check import SupplierCheck
from .home_summary import HomeSummary

OUTPUTS: tuple[Output, ...] = (
    ListPages(), CampaignPages(), HomeSummary(), GuideRecords(), CaseCards(), DataPage(), ChangesPage(), SearchIndex(),
    RecordPages(), EntityPages(), Downloads(), DataPackage(), Feeds(), SupplierCheck(), Sitemap(),
)
