"""The tabs of the operations registers (suppliers, measuring equipment, nonconforming outputs),
built on one table model and one field dialog configured from each register's vocabulary."""
