"""The demo company's name, its demo user and its people: what every register's demo data shares.

Kept apart from :mod:`qmsdesk.core.demo` so that each register's demo module reads them without
importing the module that runs it (no import loop).
"""

from __future__ import annotations

from dataclasses import dataclass

COMPANY_NAME = "Kestrel Precision Components Ltd"
DEMO_USER = "Demo data"


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    department: str


PEOPLE: tuple[Person, ...] = (
    Person("Margaret Hollis", "Managing Director", "Management"),
    Person("Łukasz Żółć", "Quality Manager", "Quality"),
    Person("Priya Raman", "Quality Inspector", "Quality"),
    Person("Tomás Ó Briain", "Quality Inspector", "Quality"),
    Person("Anders Ørsted", "Production Manager", "Production"),
    Person("Grace Adeyemi", "Production Supervisor", "Production"),
    Person("Kevin Marsh", "CNC Machinist", "Production"),
    Person("Sofia Almeida", "CNC Machinist", "Production"),
    Person("Dmitri Volkov", "CNC Machinist", "Production"),
    Person("Hannah Clarke", "CNC Programmer", "Production"),
    Person("Jamal Okafor", "Setter / Operator", "Production"),
    Person("Emily Tran", "Setter / Operator", "Production"),
    Person("Bartosz Nowak", "Deburring Operator", "Production"),
    Person("Chloé Martin", "Finishing Operator", "Production"),
    Person("Ian Fletcher", "Maintenance Technician", "Maintenance"),
    Person("Rui Costa", "Maintenance Technician", "Maintenance"),
    Person("Sarah Whitfield", "Purchasing Manager", "Purchasing"),
    Person("Mehmet Yılmaz", "Buyer", "Purchasing"),
    Person("Olivia Bennett", "Sales Manager", "Sales"),
    Person("Noah Fischer", "Customer Service Coordinator", "Sales"),
    Person("Aisha Khan", "Engineering Manager", "Engineering"),
    Person("Jonas Lindqvist", "Design Engineer", "Engineering"),
    Person("Ruth Evans", "Stores and Dispatch Lead", "Logistics"),
    Person("Marek Dvořák", "Storekeeper", "Logistics"),
    Person("Fiona Grant", "HR and Office Manager", "Administration"),
)
