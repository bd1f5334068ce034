// The page script (built separately).
