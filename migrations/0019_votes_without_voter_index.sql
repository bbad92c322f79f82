-- revises: 0018
-- date: 2026-12-08
-- why: every new vote wrote a random page of votes_by_voter (the voter keys are HMACs), and at 10 M votes that page
--      is almost never cached: on a copy of the bench's 10 M database a grouped vote's statement took 110-119 us
--      with the index and 61 us without it (raw sqlite3, 60 votes per commit; 25 against 45 us of CPU). The index
--      only served /privacy export and forget, which a member asks for rarely: they now read the member's votes
--      on the reader connection (a scan of 10 M votes takes 0.4-0.5 s there, and never holds the write lock) and
--      delete them by primary key in short writes (VotesRepository.forget_member).

DROP INDEX votes_by_voter;
