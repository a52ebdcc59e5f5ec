#ifndef EVIDENCE_CLIBXML2_SHIM_H
#define EVIDENCE_CLIBXML2_SHIM_H
// libxml2, for the JATS importer only (Importers/JATS). pkg-config: libxml-2.0; apt: libxml2-dev.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, so encoding.h would pull in the system's ICU headers, whose UErrorCode
// clashes with the copy inside Foundation (_FoundationICU) when one Swift module imports both. The importer never
// touches xmlCharEncodingHandler's ICU members (it only passes the opaque handler pointers libxml2 returns), so
// the ICU part of the headers is left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/entities.h>
#include <libxml/globals.h>
#endif
