"""Free-text comments for the demo answers: Swedish, realistic, naming no one."""

CUSTOMER_PRAISE = [
    "Mycket professionellt bemötande genom hela processen. Vi fick en kandidat som passar gruppen perfekt.",
    "Tydlig tidplan från start och bra återkoppling efter varje steg.",
    "Annonsen blev mycket bättre än den vi brukar skriva själva, vi fick fler och bättre sökande.",
    "Stödet vid intervjuerna var ovärderligt, särskilt de kompetensbaserade frågorna.",
    "Smidigt med digitala referenser, det sparade oss mycket tid.",
    "Bra diskussioner om kravprofilen i början, det gjorde urvalet enklare.",
    "Återkopplingen efter testerna gav oss ett bra underlag inför beslutet.",
    "Kommer absolut att anlita er igen vid nästa rekrytering.",
    "Kändes tryggt att ha en erfaren konsult vid sidan under hela rekryteringen.",
    "Snabbt och effektivt trots att vi hade en tight tidplan inför sommaren.",
    "Bra att få hjälp att tänka fördomsmedvetet, det öppnade för sökande vi annars hade missat.",
    "Uppstartsmötet var mycket givande och satte ribban för hela processen.",
    "Allt fungerade bra, tack för ett gott samarbete!",
    "Lyhörd konsult som anpassade upplägget efter våra behov.",
]
CUSTOMER_MIXED = [
    "Bra process överlag, men det tog lite längre tid än planerat innan annonsen publicerades.",
    "Nöjd med resultatet. Hade gärna fått fler kandidater att välja mellan till intervjuerna.",
    "Referenstagningen drog ut på tiden, annars fungerade allt väl.",
    "Lite otydligt i början vem som skulle göra vad, men det löste sig.",
]
CUSTOMER_CRITICAL = [
    "Vi fick för få kandidater och kommunikationen under urvalet var bristfällig.",
    "Tidplanen höll inte och vi fick själva påminna om nästa steg flera gånger.",
    "Urvalet motsvarade inte kravprofilen vi kom överens om vid uppstarten.",
    "Rekryteringen avbröts sent i processen och vi fick börja om från början.",
    "Vi saknade återkoppling efter intervjuerna och fick vänta länge på referenserna.",
]
CANDIDATE = [
    "Mycket bra bemötande, jag kände mig väl informerad hela vägen.",
    "Tydlig information om nästa steg efter varje moment.",
    "Intervjun var välstrukturerad och jag fick visa vad jag kan.",
    "Processen tog lite lång tid men kommunikationen var bra.",
    "Testerna var intressanta och återkopplingen var värdefull.",
    "Professionellt och respektfullt från första kontakt till erbjudande.",
    "Hade önskat snabbare besked efter intervjun, annars mycket bra.",
    "Bra att få frågorna om kompetenser förklarade innan intervjun.",
]
SIX_MONTH = [
    "Den nya medarbetaren har kommit in mycket bra i arbetsgruppen.",
    "Precis den kompetens vi behövde, rekryteringen har verkligen lönat sig.",
    "Fungerar utmärkt, har redan tagit på sig mer ansvar.",
    "Bra matchning mot tjänsten, vi är mycket nöjda.",
    "Har behövt lite mer introduktion än väntat men utvecklas fint.",
]
TRAINING = [
    "Mycket lärorik dag, bra blandning av teori och övningar.",
    "Övningarna i att formulera kompetensbaserade frågor var det bästa.",
    "Engagerande utbildare och bra exempel från verkligheten.",
    "Hade gärna haft mer tid till diskussion i grupp.",
    "Nyttigt att få syn på sina egna fördomar i urvalet.",
    "Tydligt material som jag kommer att använda i nästa rekrytering.",
]
COMMENT_SHARE = {"customer": 0.2, "candidate": 0.12, "six_month": 0.15, "training": 0.25}
FOLLOW_UP_NOTES = [
    "Ringde chefen och gick igenom vad som brast. Vi ses på ett uppföljningsmöte nästa månad.",
    "Samtal med kunden genomfört, vi har justerat rutinen för återkoppling under urvalet.",
    "Kunden kontaktad; missförståndet om tidplanen är utrett och vi har bett om ursäkt.",
    "Genomgång med kunden och enhetschefen, åtgärder dokumenterade i uppdraget.",
]
TRAINING_TITLES = ["Kompetensbaserad rekrytering", "Fördomsmedveten rekrytering", "KBR för chefer"]
