# aic_library(NAME SOURCES ... DEPS ...): a static library of one component, with the public
# include/ folder and src/ on its include path.
function(aic_library name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${A_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${A_DEPS})
endfunction()

# aic_test(NAME SOURCES ... DEPS ... [LABELS ...]): a GoogleTest executable registered with CTest.
# Tests get AIC_TESTDATA_DIR, AIC_SHARED_DIR, AIC_SOURCE_DIR and AIC_BINARY (the CLI) as macros.
function(aic_test name)
  if(NOT AIC_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest_main GTest::gmock)
  target_compile_definitions(${name} PRIVATE
    AIC_TESTDATA_DIR="${AIC_SHARED_DIR}/testdata"
    AIC_SHARED_DIR="${AIC_SHARED_DIR}"
    AIC_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    AIC_BINARY_DIR="${PROJECT_BINARY_DIR}")
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${T_LABELS}")
endfunction()
