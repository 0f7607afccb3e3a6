"""The demo organizations: the three associations and the retired principals' association
of the seed programs, one board running Mentoring for All with its schools, the Ontario boards
whose people take part in the MQP and the OPSOA program, the ministry, and the BC school
districts of the BCPVPA pilot's applicants.

The Ontario boards and the schools are invented; any likeness is chance. BC school districts
are public bodies with their real numbers and names (the pilot was province-wide); the people
in them are invented."""

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
    *(
        # Invented boards of the OPSOA program's newly appointed supervisory officers and alumni.
        OrganizationSpec(
            slug=slug, name=name, short_name=short, kind=BOARD, contact_email=f"director.{slug}@example.org"
        )
        for slug, name, short in (
            ("ordsb", "Oak Ridges District School Board", "ORDSB"),
            ("cvdsb", "Credit Valley District School Board", "CVDSB"),
            ("mhdsb", "Madawaska Highlands District School Board", "MHDSB"),
            ("srdsb", "Sydenham River District School Board", "SRDSB"),
            ("aldsb", "Abitibi Lakes District School Board", "ALDSB"),
        )
    ),
    *(
        # BC school districts (real names), several of them remote and isolated.
        OrganizationSpec(
            slug=slug,
            name=name,
            short_name=short,
            kind=BOARD,
            time_zone="America/Vancouver",
            province="BC",
            languages=languages,
            contact_email=f"leadership.{slug.split('-')[0]}@example.org",
        )
        for slug, name, short, languages in (
            (
                "sd5-southeast-kootenay",
                "School District No. 5 (Southeast Kootenay)",
                "SD 5 Southeast Kootenay",
                ("en",),
            ),
            ("sd8-kootenay-lake", "School District No. 8 (Kootenay Lake)", "SD 8 Kootenay Lake", ("en",)),
            ("sd23-central-okanagan", "School District No. 23 (Central Okanagan)", "SD 23 Central Okanagan", ("en",)),
            (
                "sd27-cariboo-chilcotin",
                "School District No. 27 (Cariboo-Chilcotin)",
                "SD 27 Cariboo-Chilcotin",
                ("en",),
            ),
            ("sd36-surrey", "School District No. 36 (Surrey)", "SD 36 Surrey", ("en",)),
            ("sd38-richmond", "School District No. 38 (Richmond)", "SD 38 Richmond", ("en",)),
            ("sd39-vancouver", "School District No. 39 (Vancouver)", "SD 39 Vancouver", ("en",)),
            ("sd49-central-coast", "School District No. 49 (Central Coast)", "SD 49 Central Coast", ("en",)),
            ("sd50-haida-gwaii", "School District No. 50 (Haida Gwaii)", "SD 50 Haida Gwaii", ("en",)),
            ("sd57-prince-george", "School District No. 57 (Prince George)", "SD 57 Prince George", ("en",)),
            (
                "sd60-peace-river-north",
                "School District No. 60 (Peace River North)",
                "SD 60 Peace River North",
                ("en",),
            ),
            ("sd61-greater-victoria", "School District No. 61 (Greater Victoria)", "SD 61 Greater Victoria", ("en",)),
            ("sd81-fort-nelson", "School District No. 81 (Fort Nelson)", "SD 81 Fort Nelson", ("en",)),
            ("sd82-coast-mountains", "School District No. 82 (Coast Mountains)", "SD 82 Coast Mountains", ("en",)),
            (
                "sd84-vancouver-island-west",
                "School District No. 84 (Vancouver Island West)",
                "SD 84 Vancouver Island West",
                ("en",),
            ),
            ("sd87-stikine", "School District No. 87 (Stikine)", "SD 87 Stikine", ("en",)),
            ("sd92-nisgaa", "School District No. 92 (Nisga'a)", "SD 92 Nisga'a", ("en",)),
            (
                "sd93-csf",
                "Conseil scolaire francophone de la Colombie-Britannique (SD 93)",
                "CSF (SD 93)",
                ("fr", "en"),
            ),
        )
    ),
)

# The BC districts of the pilot, by slug.
BC_DISTRICTS = tuple(spec.slug for spec in ORGANIZATIONS if spec.province == "BC" and spec.kind == BOARD)
