"""claimline: turn a folder of source documents into a timeline of who claimed what, where and when."""
