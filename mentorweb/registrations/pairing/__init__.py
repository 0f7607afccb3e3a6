"""Applications to pairing programs: eligibility, submitting and reviewing, mentees' rankings,
board input and conflicts of interest. An application is a Registration with role mentor or mentee."""
