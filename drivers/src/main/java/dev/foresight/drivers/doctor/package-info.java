/**
 * {@code foresight doctor}: {@link dev.foresight.drivers.doctor.Doctor} probes every configured device
 * (present, the right chip, answering, safe state reached) and writes a
 * {@link dev.foresight.drivers.doctor.DoctorReport} a user can act on: which device, on which bus and
 * address or pin, what is wrong and what to check.
 */
package dev.foresight.drivers.doctor;
