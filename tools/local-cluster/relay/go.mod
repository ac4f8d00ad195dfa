module statefulebs.local/relay

go 1.22
