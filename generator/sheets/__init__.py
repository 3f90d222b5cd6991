"""Record sheets: the fillable Record of discussion, reading filled sheets back, and the impact
summary made from them."""
