"""News core: pure Python, no Qt. Nothing is imported here so `import zeelandnet_desktop.news`
stays free; import the module you need.

model      Article, FeedState, FeedProblem (+ the fixed set of problem kinds)
words      problem_text / problem_detail: a FeedProblem in words, translated by the caller
catalogue  categories and feeds: shipped feeds.json + the user's file in the profile
fetch      Fetcher: polite HTTP (conditional GET, limits, Retry-After per host)
parse      parse_feed: bytes → Articles (feedparser), ids, dates, body, truncation rule
pictures   pick_picture: picture, thumbnail, caption, credit (media_rss: feedparser's Media RSS)
sanitize   sanitize_html / to_text (nh3)
dateline   split_dateline: "SEOUL/VLADIVOSTOK (ANP/RTR/AFP) - ..." → places, agencies, rest,
           and an agency notice before it
reltime    relative_time / time_label / day_heading / group_by_day, Dutch and English
textkeys   folding, ids and the same-story rule (StoryGroups); samestory applies it in SQL
store      NewsStore: SQLite, one writer thread (writes return Futures), fast reads
refresh    refresh(): all feeds in parallel → RefreshReport
headlines  the `headlines` CLI subcommand
"""
