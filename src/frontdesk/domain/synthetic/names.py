"""Common given names and surnames, and US places (public-domain census-style lists)."""

_FIRST_NAMES = """
James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara
Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Charles Lisa Daniel Nancy
Matthew Betty Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew Emily Paul
Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy
Stephanie Ronald Dorothy Jason Rebecca Edward Sharon Jeffrey Laura Ryan Cynthia Jacob Amy
Gary Kathleen Nicholas Angela Eric Shirley Jonathan Brenda Stephen Emma Larry Anna Justin
Pamela Scott Nicole Brandon Samantha Benjamin Katherine Samuel Christine Gregory Debra
Alexander Rachel Patrick Carolyn Frank Janet Raymond Maria Jack Olivia Dennis Heather
Jerry Helen Tyler Catherine Aaron Diane Jose Julie Adam Victoria Nathan Joyce Henry Lauren
Zachary Kelly Douglas Christina Peter Ruth Kyle Joan Noah Virginia Ethan Judith Jeremy
Evelyn Christian Hannah Walter Andrea Keith Megan Austin Cheryl Roger Jacqueline Terry
Madison Sean Teresa Gerald Abigail Carl Sophia Dylan Martha Harold Sara Jordan Gloria
Jesse Janice Bryan Kathryn Lawrence Ann Arthur Isabella Gabriel Judy Bruce Charlotte Logan
Julia Billy Grace Joe Amber Alan Alice Juan Jean Elijah Denise Willie Frances Albert
Danielle Wayne Marilyn Randy Natalie Mason Beverly Vincent Diana Liam Brittany Roy Theresa
Bobby Kayla Caleb Alexis Bradley Doris Russell Lori Lucas Tiffany Aiko Wei Priya Mohammed
Fatima Hiroshi Ingrid Lars Sofia Mateo Camila Diego Valentina Chen Ravi Ananya Omar Leila
"""

_LAST_NAMES = """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White
Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres
Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts
Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales
Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos
Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes
Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry
Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons
Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West
Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro
Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry
Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez
Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd
Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols
Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce
Hansen Peters Santos Hart Bradley Knight Tanaka Sato Suzuki Yamamoto Kumar Singh Shah Ali
Khan Andersson Johansson Rossi Bianchi
"""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(_FIRST_NAMES)
LAST_NAMES = _words(_LAST_NAMES)

PLACES = (
    ("New York", "NY", "10001", "212"),
    ("Los Angeles", "CA", "90001", "213"),
    ("Chicago", "IL", "60601", "312"),
    ("Houston", "TX", "77001", "713"),
    ("Phoenix", "AZ", "85001", "602"),
    ("Philadelphia", "PA", "19101", "215"),
    ("San Antonio", "TX", "78201", "210"),
    ("San Diego", "CA", "92101", "619"),
    ("Dallas", "TX", "75201", "214"),
    ("San Jose", "CA", "95101", "408"),
    ("Austin", "TX", "78701", "512"),
    ("Jacksonville", "FL", "32099", "904"),
    ("Columbus", "OH", "43004", "614"),
    ("Charlotte", "NC", "28201", "704"),
    ("Indianapolis", "IN", "46201", "317"),
    ("Seattle", "WA", "98101", "206"),
    ("Denver", "CO", "80201", "303"),
    ("Boston", "MA", "02108", "617"),
    ("Nashville", "TN", "37201", "615"),
    ("Portland", "OR", "97201", "503"),
    ("Atlanta", "GA", "30301", "404"),
    ("Miami", "FL", "33101", "305"),
    ("Minneapolis", "MN", "55401", "612"),
    ("Plano", "TX", "75024", "469"),
)
STREETS = (
    "Main St",
    "Oak Ave",
    "Maple Dr",
    "Cedar Ln",
    "Pine St",
    "Elm St",
    "Park Ave",
    "Lake Rd",
    "Hill St",
    "Sunset Blvd",
    "River Rd",
    "2nd St",
    "Washington Ave",
)
