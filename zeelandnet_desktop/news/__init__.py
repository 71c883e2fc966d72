"""News core: pure Python, no Qt. Nothing is imported here so `import zeelandnet_desktop.news`
stays free; import the module you need.

model      Article, FeedState, FeedProblem (+ the fixed set of problem kinds)
catalogue  categories and feeds: shipped feeds.json + the user's file in the profile
fetch      Fetcher: polite HTTP (conditional GET, limits, Retry-After per host)
parse      parse_feed: bytes → Articles (feedparser), ids, dates, images, truncation rule
sanitize   sanitize_html / to_text (nh3)
dateline   split_dateline: "SEOUL/VLADIVOSTOK (ANP/RTR/AFP) - ..." → places, agencies, rest
reltime    relative_time / clock_time / short_date in Dutch and English
store      NewsStore: SQLite, one writer thread (writes return Futures), fast reads
refresh    refresh(): all feeds in parallel → RefreshReport
headlines  the `headlines` CLI subcommand
"""
