// OpenSSL's P-256 ECDSA and SHA-256 for the tests' desktop DeviceSigner on Linux (no CryptoKit
// there). The EC_KEY API is deprecated in OpenSSL 3 but kept; its warnings are silenced here.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
