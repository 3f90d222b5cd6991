"""Drawing finished plans: the PDF page (:mod:`.pdf`), QR codes (:mod:`.qr`)."""
