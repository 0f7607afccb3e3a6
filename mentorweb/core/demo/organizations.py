"""The demo organizations: the three associations and the retired principals' association
of the seed programs, one board running Mentoring for All with its schools, three partner
boards and the ministry. The boards and schools are invented; any likeness is chance."""

from __future__ import annotations

from mentorweb.core.demo.specs import OrganizationSpec
from mentorweb.organizations.models import OrganizationKind

ASSOCIATION = OrganizationKind.ASSOCIATION
BOARD = OrganizationKind.BOARD
SCHOOL = OrganizationKind.SCHOOL

# Parents come before their children: the loader creates them in this order.
ORGANIZATIONS: tuple[OrganizationSpec, ...] = (
    OrganizationSpec(
        slug="ontario-edu",
        name="Ontario Ministry of Education",
        short_name="EDU",
        kind=OrganizationKind.MINISTRY,
        languages=("en", "fr"),
        contact_email="mentoring.edu@example.org",
    ),
    OrganizationSpec(
        slug="opc",
        name="Ontario Principals' Council",
        short_name="OPC",
        kind=ASSOCIATION,
        languages=("en", "fr"),
        contact_email="mqp.opc@example.org",
    ),
    OrganizationSpec(
        slug="bcpvpa",
        name="BC Principals' and Vice-Principals' Association",
        short_name="BCPVPA",
        kind=ASSOCIATION,
        time_zone="America/Vancouver",
        province="BC",
        contact_email="mentorship.bcpvpa@example.org",
    ),
    OrganizationSpec(
        slug="bcrpvpa",
        name="BC Retired Principals' and Vice-Principals' Association",
        short_name="BCRPVPA",
        kind=ASSOCIATION,
        time_zone="America/Vancouver",
        province="BC",
        parent="bcpvpa",
        contact_email="retired.bcpvpa@example.org",
    ),
    OrganizationSpec(
        slug="opsoa",
        name="Ontario Public Supervisory Officials' Association",
        short_name="OPSOA",
        kind=ASSOCIATION,
        contact_email="mentorship.opsoa@example.org",
    ),
    OrganizationSpec(
        slug="krdsb",
        name="Kaministiquia River District School Board",
        short_name="KRDSB",
        kind=BOARD,
        languages=("en", "fr"),
        contact_email="mentoring.krdsb@example.org",
    ),
    OrganizationSpec(
        slug="krdsb-amethyst-ridge",
        name="Amethyst Ridge Public School",
        short_name="Amethyst Ridge PS",
        kind=SCHOOL,
        parent="krdsb",
    ),
    OrganizationSpec(
        slug="krdsb-cedar-portage",
        name="Cedar Portage Public School",
        short_name="Cedar Portage PS",
        kind=SCHOOL,
        parent="krdsb",
    ),
    OrganizationSpec(
        slug="krdsb-lakeshore-pines",
        name="Lakeshore Pines Public School",
        short_name="Lakeshore Pines PS",
        kind=SCHOOL,
        languages=("en", "fr"),
        parent="krdsb",
    ),
    OrganizationSpec(
        slug="krdsb-boreal-heights",
        name="Boreal Heights Secondary School",
        short_name="Boreal Heights SS",
        kind=SCHOOL,
        parent="krdsb",
    ),
    OrganizationSpec(
        slug="gldsb",
        name="Georgian Lakelands District School Board",
        short_name="GLDSB",
        kind=BOARD,
        contact_email="leadership.gldsb@example.org",
    ),
    OrganizationSpec(
        slug="qhdsb",
        name="Quinte Highlands District School Board",
        short_name="QHDSB",
        kind=BOARD,
        contact_email="leadership.qhdsb@example.org",
    ),
    OrganizationSpec(
        slug="cspml",
        name="Conseil scolaire public des Mille-Lacs",
        short_name="CSPML",
        kind=BOARD,
        languages=("fr",),
        contact_email="leadership.cspml@example.org",
    ),
)
