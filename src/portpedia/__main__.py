from portpedia.cli import entry

entry()
