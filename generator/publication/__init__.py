"""The publication: one model of what a run builds from what (:mod:`.model`), one place that
decides what is up to date (:mod:`.state`), and one build of it (:mod:`.run`), which every
command, the watcher and the editor use."""
