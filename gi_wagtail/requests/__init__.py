"""依申请公开: requests for disclosure, handled on statutory deadlines (2019 regulations)."""
