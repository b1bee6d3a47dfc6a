//! Photos: plan the renditions (pure), then process them (IO, parallel, cached).
