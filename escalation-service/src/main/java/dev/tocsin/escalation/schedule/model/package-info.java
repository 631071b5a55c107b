/**
 * The schedule model: layers of rotations with restrictions, overrides and swaps, expanded into
 * shifts per layer and per role, with rotation health checks and an iCalendar export. Pure and
 * immutable: no clock, no I/O, no framework; every query takes the instants it answers for.
 */
package dev.tocsin.escalation.schedule.model;
