"""Dated 287(g) figures published by others, as quoted in the raw README.

These are *reported* numbers (fact sheets, audits, news), not counts taken
from ICE's lists. Every quote is copied verbatim from the raw folder's
README; the build checks that each quote still appears there, so nothing can
be typed in that the README does not give. ``unit`` says whether a figure
counts agreements (agency x model) or agencies.
"""

from __future__ import annotations

FIELDS = (
    "date", "date_precision", "date_text", "figure", "unit", "scope", "publisher",
    "url", "source_type", "quote", "note",
)

_DDP_ROSTER = "https://github.com/deportationdata/ice-287g"
_FACT_SHEET = "ICE 287(g) fact sheet, as parsed by Deportation Data Project"
_OIG = "DHS Office of Inspector General, as summarized by Deportation Data Project"
_CRS = "Congressional Research Service, The 287(g) Program (Aug 12, 2021)"
_GAO = "GAO report (Feb 2021), as reported by Law360"
_WT = "The Washington Times"

FIGURES: list[dict] = [
    # --- before 2021: official figures --------------------------------------
    dict(date="2009-06-01", date_precision="month", date_text="June 2009", figure=66, unit="agreements",
         scope="all models", publisher=_OIG + " (OIG-10-63)", url=_DDP_ROSTER, source_type="official",
         quote="66 agreements across 23 states as of June 2009; 833 active officers",
         note="read in inputs/historical/SOURCES.csv; OIG PDF not read"),
    dict(date="2010-08-01", date_precision="day", date_text="2010-08-01", figure=71, unit="agreements",
         scope="all models", publisher=_OIG + " (OIG-10-124)", url=_DDP_ROSTER, source_type="official",
         quote="71 MOAs as of 2010-08-01 (26 task force / 32 detention / 13 joint)",
         note="read in inputs/historical/SOURCES.csv; OIG PDF not read"),
    dict(date="2010-10-29", date_precision="day", date_text="as of 10/29/2010", figure=71, unit="agreements",
         scope="all models", publisher=_FACT_SHEET, url=_DDP_ROSTER, source_type="official",
         quote="Mutually Signed Agreements (71) as of 10/29/2010",
         note="page captured 2011-02-20; read in data/pre2018-roster-long.csv"),
    dict(date="2011-06-01", date_precision="day", date_text="2011-06-01", figure=69, unit="agreements",
         scope="all models", publisher=_OIG + " (OIG-11-119)", url=_DDP_ROSTER, source_type="official",
         quote="69 MOAs in 24 states as of 2011-06-01 (34 detention / 20 task force / 15 joint)",
         note="read in inputs/historical/SOURCES.csv; OIG PDF not read"),
    dict(date="2011-07-01", date_precision="year", date_text="2011", figure=72, unit="agreements",
         scope="all models", publisher=_CRS, url="https://m.lianhezuozhan.com/doc/31032.html",
         source_type="official",
         quote="increased to 72 in 2011 before declining to 35 by the end of the Obama Administration",
         note="year only (plotted mid-year); read on a mirror of the CRS report"),
    dict(date="2011-09-02", date_precision="day", date_text="as of 09/02/2011", figure=69, unit="agreements",
         scope="all models", publisher=_FACT_SHEET, url=_DDP_ROSTER, source_type="official",
         quote="Mutually Signed Agreements (69) as of 09/02/2011",
         note="page captured 2011-10-20 and 2012-01-20"),
    dict(date="2011-09-02", date_precision="day", date_text="as of 09/02/2011 (captured 2012)", figure=68,
         unit="agreements", scope="all models", publisher=_FACT_SHEET, url=_DDP_ROSTER,
         source_type="official", quote="Mutually Signed Agreements (68) as of 09/02/2011",
         note="pages captured 2012-06-06 and 2012-08-01 give 68 for the same date"),
    dict(date="2012-08-01", date_precision="month", date_text="August 2012", figure=64, unit="agreements",
         scope="all models", publisher=_OIG + " (OIG-12-130)", url=_DDP_ROSTER, source_type="official",
         quote="64 MOAs in 24 states as of August 2012 (35 detention / 20 task force / 9 joint)",
         note="read in inputs/historical/SOURCES.csv; OIG PDF not read"),
    dict(date="2017-01-01", date_precision="month", date_text="January 2017", figure=35, unit="agreements",
         scope="all models", publisher=_GAO,
         url="https://www.law360.com/articles/1359591/ice-s-use-of-local-agencies-lacks-oversight-watchdog-says",
         source_type="official",
         quote="grew from 35 in January 2017 ... to 150 agreements in September 2020, according to the GAO report",
         note="GAO-21-186 per 287g.recoveredfactory.net"),
    dict(date="2017-01-20", date_precision="day", date_text="end of the Obama Administration", figure=35,
         unit="agreements", scope="all models", publisher=_CRS,
         url="https://m.lianhezuozhan.com/doc/31032.html", source_type="official",
         quote="increased to 72 in 2011 before declining to 35 by the end of the Obama Administration",
         note="read on a mirror of the CRS report"),
    dict(date="2017-01-20", date_precision="day", date_text="Inauguration Day 2017", figure=36,
         unit="agreements", scope="all models", publisher=_WT + " (June 30, 2020)",
         url="https://www.washingtontimes.com/news/2020/jun/30/ice-cooperation-surges-deportation-agreements-trip/",
         source_type="reported", quote="has shot from 36 on Inauguration Day to 142 now", note=""),
    dict(date="2017-07-31", date_precision="day", date_text="July 31, 2017", figure=60, unit="agreements",
         scope="all models", publisher="ICE news release, reposted by LexisNexis Legal Newsroom",
         url="https://www.lexisnexis.com/legalnewsroom/immigration/b/outsidenews/archive/2017/07/31/ice-announces-18-new-287-g-agreements-in-texas.aspx?Redirected=true",
         source_type="official",
         quote="ICE now has 60 active 287(g) agreements, which is nearly double the number of active programs in 2016",
         note=""),
    dict(date="2020-06-30", date_precision="day", date_text="June 30, 2020", figure=142, unit="agreements",
         scope="all models", publisher=_WT,
         url="https://www.washingtontimes.com/news/2020/jun/30/ice-cooperation-surges-deportation-agreements-trip/",
         source_type="reported", quote="has shot from 36 on Inauguration Day to 142 now", note=""),
    dict(date="2020-09-01", date_precision="month", date_text="September 2020", figure=150,
         unit="agreements", scope="all models", publisher=_GAO,
         url="https://www.law360.com/articles/1359591/ice-s-use-of-local-agencies-lacks-oversight-watchdog-says",
         source_type="official",
         quote="grew from 35 in January 2017 ... to 150 agreements in September 2020, according to the GAO report",
         note="GAO-21-186 per 287g.recoveredfactory.net"),
    # --- 2025 onward: headline figures to compare with the lists ------------
    dict(date="2025-04-17", date_precision="day", date_text="Apr 17, 2025", figure=456, unit="agreements",
         scope="all models", publisher="CBS News (re-post)",
         url="https://www.immigrationvisateam.com/news-ice-partnerships-with-local-law-enforcement-triple-as-trump-continues-deportation-crackdown.html",
         source_type="reported",
         quote="there were 456 active 287(g) agreements ... more than three times as many as there were in December 2024, according to data on ICE's website",
         note=""),
    dict(date="2025-06-01", date_precision="month", date_text="early June 2025", figure=629,
         unit="agreements", scope="all models", publisher="ourcommunitynow.com",
         url="https://ourcommunitynow.com/P/more-than-600-local-police-agencies-are-partnering-with-ice-see-if-yours-is-one-of-them",
         source_type="reported",
         quote="As of early June, there are 629 agreements between local law enforcement and ICE.", note=""),
    dict(date="2025-09-17", date_precision="day", date_text="Sept 17, 2025", figure=1001, unit="agreements",
         scope="all models", publisher="DHS/ICE announcement, reported by Breitbart News",
         url="https://www.breitbart.com/politics/2025/09/17/exclusive-dhs-ice-secures-1000-partnerships-with-state-local-law-enforcement/",
         source_type="official", quote="growing from 135 agreements to 1,001 agreements across 40 states", note=""),
    dict(date="2025-11-01", date_precision="month", date_text="late Nov 2025", figure=1202, unit="agreements",
         scope="all models", publisher="Austin Kocher (Substack), re-posted by IRTF Cleveland",
         url="https://www.irtfcleveland.org/news/articles/mapping-1200-ice-partnerships-visual-report-287g-agreement-program",
         source_type="reported", quote="Today, the number of active agreements stands at 1,202", note=""),
    dict(date="2026-01-26", date_precision="day", date_text="~Jan 26, 2026", figure=1372, unit="agreements",
         scope="all models", publisher="FWD.us analysis as reported by The Hill (re-post)",
         url="https://raisingnews.whatfinger.com/?p=40728", source_type="reported",
         quote="from 135 in January 2025 to now in which there are 1,372 agreements", note=""),
    dict(date="2026-01-26", date_precision="day", date_text="Jan 26, 2026", figure=1168, unit="agencies",
         scope="all models", publisher="FWD.us analysis (re-post; outlet not named on page)",
         url="https://maple.social/post/234460/252016", source_type="reported",
         quote="As of Jan. 26, there were 1,168 agencies with officers trained to help ICE",
         note="agencies, not agreements"),
    dict(date="2026-02-13", date_precision="day", date_text="Feb 13 (2026 from context)", figure=1412,
         unit="agreements", scope="all models", publisher="original outlet not identified (re-post viewer)",
         url="http://nie-podam.pl/viewer.php?id=111058437", source_type="reported",
         quote="As of Feb. 13, ICE reported 1,412 active agreements across 40 states and territories",
         note="year not printed"),
]
