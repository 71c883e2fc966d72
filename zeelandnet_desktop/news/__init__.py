"""News core: pure Python, no Qt. Nothing is imported here so `import zeelandnet_desktop.news`
stays free; import the module you need.

model      Article, FeedState, FeedProblem (+ the fixed set of problem kinds)
words      problem_text / problem_detail: a FeedProblem in words, translated by the caller
catalogue  categories and feeds: shipped feeds.json + the user's file in the profile
fetch      Fetcher: polite HTTP (conditional GET, limits, Retry-After per host), pictures
http_answers  Retry-After / max-age read and capped; a failed request as a FeedProblem
parse      parse_feed: bytes → Articles (feedparser), ids, dates, body, truncation rule
pictures   pick_picture: picture, thumbnail, caption, credit (media_rss: feedparser's Media RSS)
picture_cache  the pictures fetched, on disk, size-capped
sanitize   sanitize_html / to_text (nh3)
dateline   split_dateline: "SEOUL/VLADIVOSTOK (ANP/RTR/AFP) - ..." → places, agencies, rest,
           and an agency notice before it
reltime    relative_time / time_label / day_heading / group_by_day, Dutch and English
textkeys   folding, ids and the same-story rule (StoryGroups); samestory applies it in SQL
db         the database file: opening, migrating (schema), setting aside what cannot be read
store      NewsStore: the questions and writes (writes return Futures); rows: row ↔ Article
listing    what the article list shows for one question; front_page: the Voorpagina's blocks
refresh    plan_round / refresh_feed / finish_round → RefreshReport (report)
breaking   the breaking-news rule; announce: the words of a notification
"""
